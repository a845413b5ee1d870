import { Module } from '@nestjs/common';
import { SampledLists } from '../../database/sampled-lists.service';
import { ClientFilesModule } from '../client-files/client-files.module';
import { FileUploadInterceptor } from '../client-files/file-upload.interceptor';
import { FileRequestDeliveryModule } from './delivery/file-request-delivery.module';
import { FileRequestAnswersService } from './file-request-answers.service';
import { FileRequestReader } from './file-request-reader.service';
import { FileRequestsController } from './file-requests.controller';
import { PortalFileRequestsController } from './portal-file-requests.controller';

@Module({
  imports: [ClientFilesModule, FileRequestDeliveryModule],
  controllers: [FileRequestsController, PortalFileRequestsController],
  providers: [FileRequestAnswersService, FileRequestReader, FileUploadInterceptor, SampledLists],
})
export class FileRequestsModule {}
