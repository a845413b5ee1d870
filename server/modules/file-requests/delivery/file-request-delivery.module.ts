import { Module } from '@nestjs/common';
import { EmailDispatcherWaker } from '../../email/email-dispatcher-waker.service';
import { SettingsModule } from '../../settings/settings.module';
import { FileRequestMailerService } from './file-request-mailer.service';
import { FileRequestWorkflowsService } from './file-request-workflows.service';

/** File request emails and workflows, for the worker's activities and the API. */
@Module({
  imports: [SettingsModule],
  providers: [FileRequestMailerService, FileRequestWorkflowsService, EmailDispatcherWaker],
  exports: [FileRequestMailerService, FileRequestWorkflowsService, SettingsModule],
})
export class FileRequestDeliveryModule {}
