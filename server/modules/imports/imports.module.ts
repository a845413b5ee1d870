import { Module } from '@nestjs/common';
import { FilesModule } from '../files/files.module';
import { ImportUploadInterceptor } from './import-upload.interceptor';
import { ImportsController } from './imports.controller';
import { ImportsService } from './imports.service';

@Module({
  imports: [FilesModule],
  controllers: [ImportsController],
  providers: [ImportsService, ImportUploadInterceptor],
})
export class ImportsModule {}
