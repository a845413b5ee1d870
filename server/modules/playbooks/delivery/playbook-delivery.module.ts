import { Module } from '@nestjs/common';
import { AuditService } from '@server/common/audit/audit.service';
import { EmailDispatcherWaker } from '../../email/email-dispatcher-waker.service';
import { FileRequestDeliveryModule } from '../../file-requests/delivery/file-request-delivery.module';
import { PlaybookMailerService } from './playbook-mailer.service';
import { PlaybookRunWorkflowsModule } from './playbook-run-workflows.module';
import { PlaybookSchedules } from './playbook-schedules.service';
import { PlaybookStepRunner } from './playbook-step-runner.service';
import { FileRequestStepHandler } from './steps/file-request-step.handler';
import { NotifyOwnerStepHandler } from './steps/notify-owner-step.handler';
import { PlaybookRunLock } from './steps/playbook-run-lock.service';
import { PlaybookStepAudit } from './steps/playbook-step-audit.service';
import { SendEmailStepHandler } from './steps/send-email-step.handler';
import { TagStepHandler } from './steps/tag-step.handler';
import { TransactionalStepRunner } from './steps/transactional-step-runner.service';
import { WaitStepHandler } from './steps/wait-step.handler';

/** What the worker's playbook activities run; no HTTP here (so the audit trail without its interceptor). */
@Module({
  imports: [FileRequestDeliveryModule, PlaybookRunWorkflowsModule],
  providers: [
    PlaybookStepRunner,
    PlaybookRunLock,
    PlaybookStepAudit,
    TransactionalStepRunner,
    WaitStepHandler,
    SendEmailStepHandler,
    FileRequestStepHandler,
    TagStepHandler,
    NotifyOwnerStepHandler,
    PlaybookMailerService,
    PlaybookSchedules,
    EmailDispatcherWaker,
    AuditService,
  ],
  exports: [PlaybookStepRunner, PlaybookSchedules, PlaybookRunWorkflowsModule],
})
export class PlaybookDeliveryModule {}
