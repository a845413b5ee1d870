import { Injectable } from '@nestjs/common';
import type { PlaybookStepResult } from '@workflows/playbook/playbook-run.contract';
import type { SqlRunner } from '@server/database/sql-runner';
import { EmailDispatcherWaker } from '@server/modules/email/email-dispatcher-waker.service';
import type { LockedRun, StepNote, StepType } from '../playbook-step';
import { appendLog } from '../playbooks-delivery.repository';
import { doneStep, logEntry } from './playbook-run-log';
import { PlaybookRunLock } from './playbook-run-lock.service';
import { PlaybookStepAudit, type StepAudit } from './playbook-step-audit.service';

/** What a step did in the run's transaction. */
export interface StepDone {
  note: StepNote;
  audit?: StepAudit | null;
  /** After the commit and the audit, e.g. what the change caused elsewhere. */
  afterCommit?: () => Promise<void>;
}

/**
 * A step done wholly in the run's transaction: at most once (its line in the run's log says it
 * is done), recorded in the same transaction; audited after the commit, and the email
 * dispatcher woken for what it queued.
 */
@Injectable()
export class TransactionalStepRunner {
  constructor(
    private readonly lock: PlaybookRunLock,
    private readonly audit: PlaybookStepAudit,
    private readonly waker: EmailDispatcherWaker,
  ) {}

  async run(
    runId: string,
    step: number,
    type: StepType,
    work: (sql: SqlRunner, run: LockedRun) => Promise<StepDone>,
  ): Promise<PlaybookStepResult> {
    const locked = await this.lock.withRunLock(runId, step, async (sql, run) => {
      if (doneStep(run, step)) return null;
      const done = await work(sql, run);
      await appendLog(sql, runId, logEntry(step, type, done.note));
      return { run, done };
    });
    if (!locked.ran) return locked.result;
    if (!locked.value) return 'continue';
    const { run, done } = locked.value;
    if (done.audit) await this.audit.record(run, step, done.audit);
    if (done.note.wake) this.waker.wake();
    await done.afterCommit?.();
    return 'continue';
  }
}
