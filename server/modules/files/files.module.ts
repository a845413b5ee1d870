import { Module } from '@nestjs/common';
import { FileStore } from './file-store.service';
import { StoredFileSweeper } from './stored-file-sweeper.service';

@Module({ providers: [FileStore, StoredFileSweeper], exports: [FileStore] })
export class FilesModule {}
