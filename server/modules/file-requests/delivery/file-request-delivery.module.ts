import { Module } from '@nestjs/common';
import { EmailDispatcherWaker } from '../../email/email-dispatcher-waker.service';
import { SettingsModule } from '../../settings/settings.module';
import { FileRequestMailerService } from './file-request-mailer.service';

/** File request emails, for the worker's activities and the API's "remind now". */
@Module({
  imports: [SettingsModule],
  providers: [FileRequestMailerService, EmailDispatcherWaker],
  exports: [FileRequestMailerService, SettingsModule],
})
export class FileRequestDeliveryModule {}
