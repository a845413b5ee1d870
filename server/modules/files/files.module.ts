import { Module } from '@nestjs/common';
import { FileStore } from './file-store.service';

@Module({ providers: [FileStore], exports: [FileStore] })
export class FilesModule {}
