import type { Page } from '../../common/http/content-range';
import type { ListQuery } from '../../common/http/list-query';
import { pgArray } from '../../database/pg-array';
import type { SqlRunner } from '../../database/sql-runner';
import { SqlWhere } from '../../database/sql-where';
import type { PlaybookStepType } from '@workflows/playbook/playbook-run.contract';
import type { PlaybookRunLogEntry } from './playbook.view';
import type {
  PlaybookRunFilter,
  PlaybookRunSortField,
  PlaybookRunStatusName,
  PlaybookStep,
  PlaybookTriggerType,
} from './playbooks.schemas';

export interface RunRow {
  id: string;
  playbook_id: string | null;
  playbook_name: string;
  client_id: string;
  client_name: string;
  trigger_type: PlaybookTriggerType;
  occurrence: string;
  status: PlaybookRunStatusName;
  current_step: number | null;
  current_type: PlaybookStepType | null;
  step_count: number;
  wake_at: string | null;
  error: string | null;
  cancel_reason: string | null;
  log: PlaybookRunLogEntry[];
  started_at: string;
  finished_at: string | null;
  workflow_id: string | null;
  temporal_run_id: string | null;
}

/** `extra`: columns only the single run shows. */
const RUN_SQL = (
  extra = '',
) => `select ${extra}r.id, r.playbook_id, r.playbook_name, r.client_id, c.display_name as client_name,
  r.trigger_type, r.occurrence, r.status, r.current_step, r.steps -> r.current_step ->> 'type' as current_type,
  jsonb_array_length(r.steps) as step_count, r.wake_at, r.error, r.cancel_reason, r.log,
  r.started_at, r.finished_at, r.workflow_id, r.temporal_run_id
  from playbook_run r join client c on c.id = r.client_id`;

const RUN_SORT: Record<PlaybookRunSortField, string> = {
  startedAt: 'r.started_at',
  finishedAt: 'r.finished_at',
  status: 'r.status',
};

export async function listRuns(
  sql: SqlRunner,
  query: ListQuery<PlaybookRunFilter, PlaybookRunSortField>,
): Promise<Page<RunRow>> {
  const f = query.filter;
  const where = new SqlWhere()
    .add(f.playbookId, 'r.playbook_id = ?', f.playbookId)
    .add(f.clientId, 'r.client_id = ?', f.clientId)
    .add(f.status?.length, 'r.status = any(?::text[])', pgArray(f.status ?? []))
    .add(f.id?.length, 'r.id = any(?::uuid[])', pgArray(f.id ?? []));
  const dir = query.sort.order === 'DESC' ? 'desc' : 'asc';
  const [items, [{ total }]] = await Promise.all([
    sql<RunRow[]>(
      `${RUN_SQL()} ${where.sql} order by ${RUN_SORT[query.sort.field]} ${dir} nulls last, r.id
         limit ? offset ?`,
      [...where.params, query.range.end - query.range.start + 1, query.range.start],
    ),
    sql<{ total: number }[]>(
      `select count(*)::int as total from playbook_run r ${where.sql}`,
      where.params,
    ),
  ]);
  return { items, total };
}

/** The run with the steps it started with. */
export async function findRun(
  sql: SqlRunner,
  id: string,
): Promise<(RunRow & { steps: PlaybookStep[] }) | undefined> {
  const [row] = await sql<(RunRow & { steps: PlaybookStep[] })[]>(
    `${RUN_SQL('r.steps, ')} where r.id = ?`,
    [id],
  );
  return row;
}

/** The run's status; undefined when there is no such run. */
export async function findRunStatus(sql: SqlRunner, id: string): Promise<string | undefined> {
  const [run] = await sql<{ status: string }[]>('select status from playbook_run where id = ?', [
    id,
  ]);
  return run?.status;
}

/** Cancels the run if it is still running; false when it is not (or does not exist). */
export async function cancelRunningRun(
  sql: SqlRunner,
  id: string,
  reason: string,
): Promise<boolean> {
  const cancelled = await sql<{ id: string }[]>(
    `update playbook_run set status = 'cancelled', finished_at = now(), wake_at = null,
         cancel_reason = ? where id = ? and status = 'running' returning id`,
    [reason, id],
  );
  return cancelled.length > 0;
}
