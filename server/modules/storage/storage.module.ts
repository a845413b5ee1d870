import { Module } from '@nestjs/common';
import { APP_CONFIG } from '../../config/config.module';
import { loadMasterKeyring } from './master-key-source';
import { MasterKeyring } from './master-keyring';
import { OBJECT_STORE } from './object-store';
import { createObjectStore } from './object-store.factory';
import { SealedStorage } from './sealed-storage.service';

/** The encrypted object storage every stored file goes through, in the API and the worker. */
@Module({
  providers: [
    { provide: OBJECT_STORE, inject: [APP_CONFIG], useFactory: createObjectStore },
    { provide: MasterKeyring, inject: [APP_CONFIG], useFactory: loadMasterKeyring },
    SealedStorage,
  ],
  exports: [SealedStorage],
})
export class StorageModule {}
