import { Module } from '@nestjs/common';
import { AuditService } from '../../../common/audit/audit.service';
import { EmailDispatcherWaker } from '../../email/email-dispatcher-waker.service';
import { FileRequestDeliveryModule } from '../../file-requests/delivery/file-request-delivery.module';
import { PlaybookMailerService } from './playbook-mailer.service';
import { PlaybookRunWorkflowsModule } from './playbook-run-workflows.module';
import { PlaybookSchedules } from './playbook-schedules.service';
import { PlaybookStepRunner } from './playbook-step-runner.service';

/** What the worker's playbook activities run; no HTTP here (so the audit trail without its interceptor). */
@Module({
  imports: [FileRequestDeliveryModule, PlaybookRunWorkflowsModule],
  providers: [
    PlaybookStepRunner,
    PlaybookMailerService,
    PlaybookSchedules,
    EmailDispatcherWaker,
    AuditService,
  ],
  exports: [PlaybookStepRunner, PlaybookSchedules, PlaybookRunWorkflowsModule],
})
export class PlaybookDeliveryModule {}
