import { Module } from '@nestjs/common';
import { EmailDeliveryService } from '../../email/email-delivery.service';
import { EmailDispatcherWaker } from '../../email/email-dispatcher-waker.service';
import { SettingsModule } from '../../settings/settings.module';
import { InvitationWorkflowsService } from '../invitation-workflows.service';
import { InvitationBatchService } from './invitation-batch.service';
import { InvitationMailerService } from './invitation-mailer.service';

/** What the worker's invitation and email activities run; no HTTP here. */
@Module({
  imports: [SettingsModule],
  providers: [
    InvitationWorkflowsService,
    InvitationMailerService,
    InvitationBatchService,
    EmailDeliveryService,
    EmailDispatcherWaker,
  ],
  exports: [
    InvitationMailerService,
    InvitationBatchService,
    EmailDeliveryService,
    EmailDispatcherWaker,
  ],
})
export class InvitationDeliveryModule {}
