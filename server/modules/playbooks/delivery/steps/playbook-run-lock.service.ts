import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { sqlRunner, sqlTransaction, type SqlRunner } from '@server/database/sql-runner';
import { StepFailure, type LockedRun, type StepType } from '../playbook-step';
import {
  lockRunWithClient,
  markRunCancelled,
  markRunFailed,
  setCurrentStep,
} from '../playbooks-delivery.repository';

/** `work`'s value, or why it did not give one: the run had ended, or the step failed (recorded). */
export type UnderRunLock<T> =
  { ran: true; value: T } | { ran: false; result: 'stopped' | 'failed' };

type Attempt<T> = UnderRunLock<T> | { ran: false; failure: { type: StepType; message: string } };

const STOPPED: UnderRunLock<never> = { ran: false, result: 'stopped' };

/**
 * Each step first re-reads the run under its row lock (still running, playbook still enabled:
 * PostgreSQL is the record), and a step that cannot be done fails the run here.
 */
@Injectable()
export class PlaybookRunLock {
  constructor(private readonly em: EntityManager) {}

  /**
   * Runs `work` on the run under its row lock if it should go on, with `step` as its current
   * step; a run whose playbook was disabled or deleted meanwhile is cancelled here. A
   * StepFailure fails the run (what `work` wrote before it is kept).
   */
  async withRunLock<T>(
    runId: string,
    step: number,
    work: (sql: SqlRunner, run: LockedRun) => Promise<T>,
  ): Promise<UnderRunLock<T>> {
    const attempt = await sqlTransaction(this.em, async (sql): Promise<Attempt<T>> => {
      const run = await lockRunWithClient(sql, runId);
      if (run?.status !== 'running') return STOPPED;
      if (!run.enabled) {
        await markRunCancelled(
          sql,
          runId,
          run.playbook_id ? 'The playbook was disabled' : 'The playbook was deleted',
        );
        return STOPPED;
      }
      await setCurrentStep(sql, runId, step);
      try {
        return { ran: true, value: await work(sql, run) };
      } catch (e) {
        if (!(e instanceof StepFailure)) throw e;
        return { ran: false, failure: { type: run.steps[step].type, message: e.message } };
      }
    });
    if (!('failure' in attempt)) return attempt;
    const { type, message } = attempt.failure;
    return { ran: false, result: await this.fail(runId, step, type, message) };
  }

  /** Fails a run still running at `step`, with `message` in its log. */
  async fail(runId: string, step: number, type: StepType, message: string): Promise<'failed'> {
    await markRunFailed(sqlRunner(this.em), runId, step, message, {
      step,
      type,
      outcome: 'failed',
      detail: message,
      at: new Date().toISOString(),
    });
    return 'failed';
  }
}
