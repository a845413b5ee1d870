import { Module } from '@nestjs/common';
import { FilesModule } from '../files/files.module';
import { ImportReader } from './import-reader.service';
import { ImportUploadInterceptor } from './import-upload.interceptor';
import { ImportsController } from './imports.controller';
import { ImportsService } from './imports.service';

@Module({
  imports: [FilesModule],
  controllers: [ImportsController],
  providers: [ImportsService, ImportReader, ImportUploadInterceptor],
})
export class ImportsModule {}
