import type { SqlRunner } from '../../database/sql-runner';
import { HEARTBEAT_FRESH_MS, type WorkerIdentity } from './worker-heartbeats';

/** A worker gone without a word leaves its row; past this it is cleared. */
const FORGET_AFTER = '1 day';

/** The cheapest round trip to the database. */
export async function pingDatabase(sql: SqlRunner): Promise<void> {
  await sql('select 1');
}

/*
 * The deep probe's turns, in PostgreSQL so that API processes share them: a process that takes
 * the turn runs the probe and records its report; the others answer with that report.
 */

/**
 * A new turn if the last one began `everyMs` or more ago: its start, as the database wrote it
 * (to the microsecond). Else null.
 */
export async function takeProbeTurn(
  sql: SqlRunner,
  taskQueue: string,
  everyMs: number,
): Promise<string | null> {
  const [turn] = await sql<{ started_at: string }[]>(
    `insert into health_probe as p (task_queue, started_at) values (?, clock_timestamp())
     on conflict (task_queue) do update set started_at = excluded.started_at, report = null
       where p.started_at <= clock_timestamp() - make_interval(secs => ?)
     returning started_at::text`,
    [taskQueue, everyMs / 1000],
  );
  return turn?.started_at ?? null;
}

/** The report of the turn begun at `startedAt` (unless a later turn has begun since). */
export async function recordProbeReport(
  sql: SqlRunner,
  taskQueue: string,
  startedAt: string,
  report: unknown,
): Promise<void> {
  await sql(
    `update health_probe set report = ? where task_queue = ? and started_at = ?::timestamptz`,
    [JSON.stringify(report), taskQueue, startedAt],
  );
}

/** The current turn's report, once its process has recorded it. */
export async function recordedProbeReport<T>(sql: SqlRunner, taskQueue: string): Promise<T | null> {
  const [row] = await sql<{ report: T | null }[]>(
    `select report from health_probe where task_queue = ?`,
    [taskQueue],
  );
  return row?.report ?? null;
}

/** Times are the database's, so workers on several machines need no common clock. */
export async function recordHeartbeat(sql: SqlRunner, worker: WorkerIdentity): Promise<void> {
  await sql(
    `insert into worker_heartbeat (worker_id, task_queue, host, pid) values (?, ?, ?, ?)
     on conflict (worker_id) do update set beat_at = now()`,
    [worker.workerId, worker.taskQueue, worker.host, worker.pid],
  );
}

export async function forgetHeartbeat(sql: SqlRunner, workerId: string): Promise<void> {
  await sql(`delete from worker_heartbeat where worker_id = ?`, [workerId]);
}

export async function forgetSilentWorkers(sql: SqlRunner): Promise<void> {
  await sql(`delete from worker_heartbeat where beat_at < now() - ?::interval`, [FORGET_AFTER]);
}

/** Workers on the task queue that proved they are alive within HEARTBEAT_FRESH_MS. */
export async function liveWorkers(sql: SqlRunner, taskQueue: string): Promise<number> {
  const [{ n }] = await sql<{ n: number }[]>(
    `select count(*)::int as n from worker_heartbeat
     where task_queue = ? and beat_at > now() - make_interval(secs => ?)`,
    [taskQueue, HEARTBEAT_FRESH_MS / 1000],
  );
  return n;
}
