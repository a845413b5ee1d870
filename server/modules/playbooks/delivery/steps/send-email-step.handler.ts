import { Injectable } from '@nestjs/common';
import type { PlaybookStepResult } from '@workflows/playbook/playbook-run.contract';
import { PlaybookMailerService } from '../playbook-mailer.service';
import type { StepHandler, StepSpec } from '../playbook-step';
import { TransactionalStepRunner } from './transactional-step-runner.service';

/** `send_email`: to the client's primary contact, through the outbox. */
@Injectable()
export class SendEmailStepHandler implements StepHandler<'send_email'> {
  constructor(
    private readonly steps: TransactionalStepRunner,
    private readonly mailer: PlaybookMailerService,
  ) {}

  run(runId: string, step: number, spec: StepSpec<'send_email'>): Promise<PlaybookStepResult> {
    return this.steps.run(runId, step, spec.type, async (sql, run) => ({
      note: await this.mailer.sendEmail(sql, run, step, spec),
    }));
  }
}
