import type { EntityManager } from '@mikro-orm/postgresql';

/** A worker records that it is alive this often… */
export const HEARTBEAT_EVERY_MS = 5000;
/** …and counts as up for this long after (a few missed beats, not minutes). */
export const HEARTBEAT_FRESH_MS = 15_000;
/** A worker gone without a word leaves its row; past this it is cleared. */
const FORGET_AFTER = '1 day';

export interface WorkerIdentity {
  workerId: string;
  taskQueue: string;
  host: string;
  pid: number;
}

/** Times are the database's, so workers on several machines need no common clock. */
export async function recordHeartbeat(em: EntityManager, worker: WorkerIdentity): Promise<void> {
  await em.getConnection().execute(
    `insert into worker_heartbeat (worker_id, task_queue, host, pid) values (?, ?, ?, ?)
     on conflict (worker_id) do update set beat_at = now()`,
    [worker.workerId, worker.taskQueue, worker.host, worker.pid],
  );
}

export async function forgetHeartbeat(em: EntityManager, workerId: string): Promise<void> {
  await em.getConnection().execute(`delete from worker_heartbeat where worker_id = ?`, [workerId]);
}

export async function forgetSilentWorkers(em: EntityManager): Promise<void> {
  await em
    .getConnection()
    .execute(`delete from worker_heartbeat where beat_at < now() - ?::interval`, [FORGET_AFTER]);
}

/** Workers on the task queue that proved they are alive within HEARTBEAT_FRESH_MS. */
export async function liveWorkers(em: EntityManager, taskQueue: string): Promise<number> {
  const [{ n }] = await em.getConnection().execute<{ n: number }[]>(
    `select count(*)::int as n from worker_heartbeat
     where task_queue = ? and beat_at > now() - make_interval(secs => ?)`,
    [taskQueue, HEARTBEAT_FRESH_MS / 1000],
  );
  return n;
}
