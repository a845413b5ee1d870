import { Injectable } from '@nestjs/common';
import type { PlaybookStepResult } from '@workflows/playbook/playbook-run.contract';
import { PlaybookMailerService } from '../playbook-mailer.service';
import type { StepHandler, StepSpec } from '../playbook-step';
import { TransactionalStepRunner } from './transactional-step-runner.service';

/** `notify_owner`: an email to the client's owners (or the playbook's creator), audited. */
@Injectable()
export class NotifyOwnerStepHandler implements StepHandler<'notify_owner'> {
  constructor(
    private readonly steps: TransactionalStepRunner,
    private readonly mailer: PlaybookMailerService,
  ) {}

  run(runId: string, step: number, spec: StepSpec<'notify_owner'>): Promise<PlaybookStepResult> {
    return this.steps.run(runId, step, spec.type, async (sql, run) => {
      const note = await this.mailer.notifyOwner(sql, run, step, spec.message);
      const did = note.detail.replace(/\.$/, '');
      return {
        note,
        audit: note.outcome === 'done' ? { action: 'playbook_run.owner_notified', did } : null,
      };
    });
  }
}
