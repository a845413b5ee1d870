import { Module } from '@nestjs/common';
import { EmailDispatcherWaker } from '../../email/email-dispatcher-waker.service';
import { FileRequestDeliveryModule } from '../../file-requests/delivery/file-request-delivery.module';
import { PlaybookMailerService } from './playbook-mailer.service';
import { PlaybookRunWorkflowsModule } from './playbook-run-workflows.module';
import { PlaybookSchedules } from './playbook-schedules.service';
import { PlaybookStepRunner } from './playbook-step-runner.service';

/** What the worker's playbook activities run; no HTTP here. */
@Module({
  imports: [FileRequestDeliveryModule, PlaybookRunWorkflowsModule],
  providers: [PlaybookStepRunner, PlaybookMailerService, PlaybookSchedules, EmailDispatcherWaker],
  exports: [PlaybookStepRunner, PlaybookSchedules, PlaybookRunWorkflowsModule],
})
export class PlaybookDeliveryModule {}
