import type { SqlRunner } from '@server/database/sql-runner';
import type { PlaybookRunLogEntry } from '../playbook.view';
import type { PlaybookStep } from '../playbooks.schemas';
import type { LockedRun } from './playbook-step';

/** Where a run stands, as its workflow resumes it. */
export interface RunProgress {
  status: string;
  steps: PlaybookStep[];
  current_step: number | null;
  wake_at: string | null;
}

export async function findRunProgress(
  sql: SqlRunner,
  runId: string,
): Promise<RunProgress | undefined> {
  const [run] = await sql<RunProgress[]>(
    'select status, steps, current_step, wake_at from playbook_run where id = ?',
    [runId],
  );
  return run;
}

/** The run's step `step` (its steps are fixed when it starts); undefined without one. */
export async function findRunStep(
  sql: SqlRunner,
  runId: string,
  step: number,
): Promise<PlaybookStep | undefined> {
  const [row] = await sql<{ step: PlaybookStep | null }[]>(
    'select steps -> ?::int as step from playbook_run where id = ?',
    [step, runId],
  );
  return row?.step ?? undefined;
}

/** Records the run's end; a run no longer running keeps its status. */
export async function finishRun(
  sql: SqlRunner,
  runId: string,
  status: 'completed' | 'failed' | 'cancelled',
): Promise<void> {
  await sql(
    `update playbook_run set
         status = case when status = 'running' then ? else status end,
         cancel_reason = case when status = 'running' and ? = 'cancelled'
           then coalesce(cancel_reason, 'Cancelled') else cancel_reason end,
         finished_at = coalesce(finished_at, now()), wake_at = null,
         workflow_ended_at = coalesce(workflow_ended_at, now())
       where id = ?`,
    [status, status, runId],
  );
}

/**
 * Locks the run's client, then the run, and reads the run as a step sees it; undefined when
 * there is no such run. The client first: the order of every tag change (whose trigger
 * updates runs), so a step and a bulk tag edit of the same client cannot deadlock.
 */
export async function lockRunWithClient(
  sql: SqlRunner,
  runId: string,
): Promise<LockedRun | undefined> {
  const [ref] = await sql<{ client_id: string }[]>(
    'select client_id from playbook_run where id = ?',
    [runId],
  );
  if (!ref) return undefined;
  await sql('select 1 from client where id = ? for no key update', [ref.client_id]);
  const [run] = await sql<LockedRun[]>(
    `select r.id, r.status, r.client_id, r.playbook_id, r.playbook_name, r.steps, r.log,
           p.enabled, p.created_by_staff_id
         from playbook_run r left join playbook p on p.id = r.playbook_id
         where r.id = ? for update of r`,
    [runId],
  );
  return run;
}

/** The run's status, its row locked until the transaction ends; undefined without the run. */
export async function lockRunStatus(sql: SqlRunner, runId: string): Promise<string | undefined> {
  const [now] = await sql<{ status: string }[]>(
    'select status from playbook_run where id = ? for update',
    [runId],
  );
  return now?.status;
}

export async function markRunCancelled(
  sql: SqlRunner,
  runId: string,
  reason: string,
): Promise<void> {
  await sql(
    `update playbook_run set status = 'cancelled', finished_at = now(), wake_at = null,
             cancel_reason = ? where id = ?`,
    [reason, runId],
  );
}

/** Fails the run if it is still running, at `step`, with `entry` added to its log. */
export async function markRunFailed(
  sql: SqlRunner,
  runId: string,
  step: number,
  message: string,
  entry: PlaybookRunLogEntry,
): Promise<void> {
  await sql(
    `update playbook_run set status = 'failed', error = ?, finished_at = now(), wake_at = null,
         current_step = ?, log = log || ?::jsonb where id = ? and status = 'running'`,
    [message, step, JSON.stringify([entry]), runId],
  );
}

export async function setCurrentStep(sql: SqlRunner, runId: string, step: number): Promise<void> {
  await sql('update playbook_run set current_step = ?, wake_at = null where id = ?', [step, runId]);
}

/** The run waits at `step` until `wakeAt`. */
export async function setWaitingStep(
  sql: SqlRunner,
  runId: string,
  step: number,
  wakeAt: string,
): Promise<void> {
  await sql('update playbook_run set current_step = ?, wake_at = ? where id = ?', [
    step,
    wakeAt,
    runId,
  ]);
}

/** Adds a line to the run's log, whatever the run's status. */
export async function appendLog(
  sql: SqlRunner,
  runId: string,
  entry: PlaybookRunLogEntry,
): Promise<void> {
  await sql('update playbook_run set log = log || ?::jsonb where id = ?', [
    JSON.stringify([entry]),
    runId,
  ]);
}
