import { Module } from '@nestjs/common';
import { StorageModule } from '../storage/storage.module';
import { FileStore } from './file-store.service';
import { StoredFileSweeper } from './stored-file-sweeper.service';

@Module({
  imports: [StorageModule],
  providers: [FileStore, StoredFileSweeper],
  exports: [FileStore],
})
export class FilesModule {}
