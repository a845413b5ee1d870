import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * The deep probe's turns, in PostgreSQL so that API processes share them: a process that takes
 * the turn runs the probe and records its report; the others answer with that report.
 */

/**
 * A new turn if the last one began `everyMs` or more ago: its start, as the database wrote it
 * (to the microsecond). Else null.
 */
export async function takeProbeTurn(
  em: EntityManager,
  taskQueue: string,
  everyMs: number,
): Promise<string | null> {
  const [turn] = await em.getConnection().execute<{ started_at: string }[]>(
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
  em: EntityManager,
  taskQueue: string,
  startedAt: string,
  report: unknown,
): Promise<void> {
  await em
    .getConnection()
    .execute(
      `update health_probe set report = ? where task_queue = ? and started_at = ?::timestamptz`,
      [JSON.stringify(report), taskQueue, startedAt],
    );
}

/** The current turn's report, once its process has recorded it. */
export async function recordedProbeReport<T>(
  em: EntityManager,
  taskQueue: string,
): Promise<T | null> {
  const [row] = await em
    .getConnection()
    .execute<{ report: T | null }[]>(`select report from health_probe where task_queue = ?`, [
      taskQueue,
    ]);
  return row?.report ?? null;
}
