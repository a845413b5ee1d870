import { z } from 'zod';
import { pgArray } from '@server/database/pg-array';
import type { SqlRunner } from '@server/database/sql-runner';
import type { TriggerColumns } from '../playbook-definition';

/** A run recorded as running whose workflow has not been started. */
export interface PendingRun {
  id: string;
  playbook_id: string | null;
  client_id: string;
  trigger_type: string;
  occurrence: string;
}

/** A run recorded as ended whose workflow has not been told. */
export interface EndedRun {
  id: string;
  workflow_id: string;
  temporal_run_id: string | null;
}

const TO_START = `status = 'running' and workflow_started_at is null`;
const TO_STOP = `status <> 'running' and workflow_started_at is not null and workflow_ended_at is null`;

/** How many runs wait for their workflow to start or stop, counting each kind up to `limit`. */
export async function countRunsOutOfStep(sql: SqlRunner, limit: number): Promise<number> {
  const [{ n }] = await sql<{ n: number }[]>(
    `select (select count(*) from (select 1 from playbook_run where ${TO_START} limit ?) a)::int
           + (select count(*) from (select 1 from playbook_run where ${TO_STOP} limit ?) b)::int as n`,
    [limit, limit],
  );
  return n;
}

/** A keyset page (ids after `after`) of the runs whose workflow is to be stopped. */
export function findRunsToStop(sql: SqlRunner, after: string, limit: number): Promise<EndedRun[]> {
  return sql<EndedRun[]>(
    `select id, workflow_id, temporal_run_id from playbook_run where ${TO_STOP} and id > ? order by id limit ?`,
    [after, limit],
  );
}

/** A keyset page (ids after `after`) of the runs whose workflow is to be started. */
export function findRunsToStart(
  sql: SqlRunner,
  after: string,
  limit: number,
): Promise<PendingRun[]> {
  return sql<PendingRun[]>(
    `select id, playbook_id, client_id, trigger_type, occurrence from playbook_run where ${TO_START} and id > ? order by id limit ?`,
    [after, limit],
  );
}

export async function markWorkflowStarted(
  sql: SqlRunner,
  runId: string,
  workflowId: string,
  temporalRunId: string,
): Promise<void> {
  await sql(
    `update playbook_run set workflow_started_at = coalesce(workflow_started_at, now()),
         workflow_id = ?, temporal_run_id = ? where id = ?`,
    [workflowId, temporalRunId, runId],
  );
}

export async function markWorkflowEnded(sql: SqlRunner, runId: string): Promise<void> {
  await sql(
    `update playbook_run set workflow_ended_at = coalesce(workflow_ended_at, now()) where id = ?`,
    [runId],
  );
}

/**
 * Running runs whose workflow is not among `temporalRunIds` (the running ones) are marked
 * unstarted; returns how many.
 */
export async function forgetLostWorkflows(
  sql: SqlRunner,
  temporalRunIds: string[],
): Promise<number> {
  const lost = await sql<{ id: string }[]>(
    `update playbook_run set workflow_started_at = null, workflow_id = null, temporal_run_id = null
       where status = 'running' and workflow_started_at is not null
         and not (temporal_run_id = any(?::text[]))
       returning id`,
    [pgArray(temporalRunIds)],
  );
  return lost.length;
}

/**
 * Which of `runIds` are runs still running. They come from workflow memos, so one may not be an
 * id at all; comparing as text would read every run instead of looking each up by its key.
 */
export async function findRunningRunIds(sql: SqlRunner, runIds: string[]): Promise<Set<string>> {
  const rows = await sql<{ id: string }[]>(
    `select id::text from playbook_run where id = any(?::uuid[]) and status = 'running'`,
    [pgArray(runIds.filter((id) => z.guid().safeParse(id).success))],
  );
  return new Set(rows.map((r) => r.id));
}

export function findYearlyPlaybooks(
  sql: SqlRunner,
): Promise<(TriggerColumns & { id: string; enabled: boolean })[]> {
  return sql<(TriggerColumns & { id: string; enabled: boolean })[]>(
    `select id, enabled, trigger_type, trigger_tag_id, trigger_month, trigger_day
         from playbook where trigger_type = 'yearly'`,
  );
}

/** `id`: a schedule's playbook id, which need not be a uuid. */
export async function isYearlyPlaybook(sql: SqlRunner, id: string): Promise<boolean> {
  const [still] = await sql<unknown[]>(
    `select 1 from playbook where id::text = ? and trigger_type = 'yearly'`,
    [id],
  );
  return !!still;
}
