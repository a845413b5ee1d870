import { Module } from '@nestjs/common';
import { FilesModule } from '../files/files.module';
import { ClientFilesController } from './client-files.controller';
import { ClientFilesService } from './client-files.service';
import { FileUploadInterceptor } from './file-upload.interceptor';
import { PortalFilesController } from './portal-files.controller';

@Module({
  imports: [FilesModule],
  controllers: [ClientFilesController, PortalFilesController],
  providers: [ClientFilesService, FileUploadInterceptor],
  exports: [ClientFilesService, FileUploadInterceptor, FilesModule],
})
export class ClientFilesModule {}
