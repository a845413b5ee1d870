import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { sqlTransaction, type SqlRunner } from '@server/database/sql-runner';
import { StepFailure, type LockedRun, type StepType } from '../playbook-step';

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
      // The client first, then the run: the order of every tag change (whose trigger updates
      // runs), so a step and a bulk tag edit of the same client cannot deadlock.
      const [ref] = await sql<{ client_id: string }[]>(
        'select client_id from playbook_run where id = ?',
        [runId],
      );
      if (!ref) return STOPPED;
      await sql('select 1 from client where id = ? for no key update', [ref.client_id]);
      const [run] = await sql<LockedRun[]>(
        `select r.id, r.status, r.client_id, r.playbook_id, r.playbook_name, r.steps, r.log,
           p.enabled, p.created_by_staff_id
         from playbook_run r left join playbook p on p.id = r.playbook_id
         where r.id = ? for update of r`,
        [runId],
      );
      if (run?.status !== 'running') return STOPPED;
      if (!run.enabled) {
        await sql(
          `update playbook_run set status = 'cancelled', finished_at = now(), wake_at = null,
             cancel_reason = ? where id = ?`,
          [run.playbook_id ? 'The playbook was disabled' : 'The playbook was deleted', runId],
        );
        return STOPPED;
      }
      await sql('update playbook_run set current_step = ?, wake_at = null where id = ?', [
        step,
        runId,
      ]);
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
    await this.em.getConnection().execute(
      `update playbook_run set status = 'failed', error = ?, finished_at = now(), wake_at = null,
         current_step = ?, log = log || ?::jsonb where id = ? and status = 'running'`,
      [
        message,
        step,
        JSON.stringify([
          { step, type, outcome: 'failed', detail: message, at: new Date().toISOString() },
        ]),
        runId,
      ],
    );
    return 'failed';
  }
}
