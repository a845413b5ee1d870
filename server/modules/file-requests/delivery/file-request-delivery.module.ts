import { Module } from '@nestjs/common';
import { EmailDispatcherWaker } from '../../email/email-dispatcher-waker.service';
import { InvitationWorkflowsService } from '../../invitations/invitation-workflows.service';
import { SettingsModule } from '../../settings/settings.module';
import { FileRequestsService } from '../file-requests.service';
import { FileRequestLifecycleService } from './file-request-lifecycle.service';
import { FileRequestMailerService } from './file-request-mailer.service';
import { FileRequestRejectionMailer } from './file-request-rejection-mailer.service';
import { FileRequestWorkflowsService } from './file-request-workflows.service';

/**
 * File request emails and workflows, and creating requests (staff in the API, playbook steps in
 * the worker).
 */
@Module({
  imports: [SettingsModule],
  providers: [
    FileRequestsService,
    FileRequestMailerService,
    FileRequestLifecycleService,
    FileRequestRejectionMailer,
    FileRequestWorkflowsService,
    EmailDispatcherWaker,
    InvitationWorkflowsService,
  ],
  exports: [
    FileRequestsService,
    FileRequestMailerService,
    FileRequestLifecycleService,
    FileRequestRejectionMailer,
    FileRequestWorkflowsService,
    SettingsModule,
  ],
})
export class FileRequestDeliveryModule {}
