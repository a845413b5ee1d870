import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { Page } from '../../common/http/content-range';
import { escapeLike } from '../../common/http/escape-like';
import { isoDate } from '../../common/http/iso-date';
import type { ListQuery } from '../../common/http/list-query';
import { pgArray } from '../../database/pg-array';
import { SqlWhere } from '../../database/sql-where';
import type { PlaybookStepType } from '@workflows/playbook/playbook-run.contract';
import { triggerOf, type TriggerColumns } from './playbook-definition';
import type { PlaybookRunLogEntry, PlaybookRunView, PlaybookView } from './playbook.view';
import { playbookNotFound, runNotFound } from './playbooks.errors';
import type {
  PlaybookFilter,
  PlaybookRunFilter,
  PlaybookRunSortField,
  PlaybookRunStatusName,
  PlaybookSortField,
  PlaybookStep,
  PlaybookTriggerType,
} from './playbooks.schemas';

interface PlaybookRow extends TriggerColumns {
  id: string;
  name: string;
  enabled: boolean;
  steps: PlaybookStep[];
  creator_id: string | null;
  creator_name: string | null;
  run_counts: Partial<Record<PlaybookRunStatusName, number>>;
  created_at: string;
  updated_at: string;
}

interface RunRow {
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

const PLAYBOOK_SQL = `select p.*, s.id as creator_id, trim(s.first_name || ' ' || s.last_name) as creator_name,
  (select coalesce(jsonb_object_agg(x.status, x.n), '{}')
    from (select status, count(*) as n from playbook_run where playbook_id = p.id group by status) x
  ) as run_counts
  from playbook p left join staff_user s on s.id = p.created_by_staff_id`;

/** `extra`: columns only the single run shows. */
const RUN_SQL = (
  extra = '',
) => `select ${extra}r.id, r.playbook_id, r.playbook_name, r.client_id, c.display_name as client_name,
  r.trigger_type, r.occurrence, r.status, r.current_step, r.steps -> r.current_step ->> 'type' as current_type,
  jsonb_array_length(r.steps) as step_count, r.wake_at, r.error, r.cancel_reason, r.log,
  r.started_at, r.finished_at, r.workflow_id, r.temporal_run_id
  from playbook_run r join client c on c.id = r.client_id`;

const PLAYBOOK_SORT: Record<PlaybookSortField, string> = {
  name: 'lower(p.name)',
  createdAt: 'p.created_at',
  updatedAt: 'p.updated_at',
  enabled: 'p.enabled',
};

const RUN_SORT: Record<PlaybookRunSortField, string> = {
  startedAt: 'r.started_at',
  finishedAt: 'r.finished_at',
  status: 'r.status',
};

const NO_RUNS: Record<PlaybookRunStatusName, number> = {
  running: 0,
  completed: 0,
  cancelled: 0,
  failed: 0,
};

/** Playbooks and their runs as the API shows them. */
@Injectable()
export class PlaybookReader {
  constructor(private readonly em: EntityManager) {}

  async list(query: ListQuery<PlaybookFilter, PlaybookSortField>): Promise<Page<PlaybookView>> {
    const f = query.filter;
    const where = new SqlWhere()
      .add(f.q, 'p.name ilike ?', f.q && `%${escapeLike(f.q)}%`)
      .add(f.enabled !== undefined, 'p.enabled = ?', f.enabled)
      .add(f.triggerType?.length, 'p.trigger_type = any(?::text[])', pgArray(f.triggerType ?? []))
      .add(f.id?.length, 'p.id = any(?::uuid[])', pgArray(f.id ?? []));
    const dir = query.sort.order === 'DESC' ? 'desc' : 'asc';
    const conn = this.em.getConnection();
    const [rows, [{ total }]] = await Promise.all([
      conn.execute<PlaybookRow[]>(
        `${PLAYBOOK_SQL} ${where.sql} order by ${PLAYBOOK_SORT[query.sort.field]} ${dir}, p.id
         limit ? offset ?`,
        [...where.params, query.range.end - query.range.start + 1, query.range.start],
      ),
      conn.execute<{ total: number }[]>(
        `select count(*)::int as total from playbook p ${where.sql}`,
        where.params,
      ),
    ]);
    return { items: rows.map(toPlaybookView), total };
  }

  async get(id: string): Promise<PlaybookView> {
    const [row] = await this.em
      .getConnection()
      .execute<PlaybookRow[]>(`${PLAYBOOK_SQL} where p.id = ?`, [id]);
    if (!row) throw playbookNotFound(id);
    return toPlaybookView(row);
  }

  async listRuns(
    query: ListQuery<PlaybookRunFilter, PlaybookRunSortField>,
  ): Promise<Page<PlaybookRunView>> {
    const f = query.filter;
    const where = new SqlWhere()
      .add(f.playbookId, 'r.playbook_id = ?', f.playbookId)
      .add(f.clientId, 'r.client_id = ?', f.clientId)
      .add(f.status?.length, 'r.status = any(?::text[])', pgArray(f.status ?? []))
      .add(f.id?.length, 'r.id = any(?::uuid[])', pgArray(f.id ?? []));
    const dir = query.sort.order === 'DESC' ? 'desc' : 'asc';
    const conn = this.em.getConnection();
    const [rows, [{ total }]] = await Promise.all([
      conn.execute<RunRow[]>(
        `${RUN_SQL()} ${where.sql} order by ${RUN_SORT[query.sort.field]} ${dir} nulls last, r.id
         limit ? offset ?`,
        [...where.params, query.range.end - query.range.start + 1, query.range.start],
      ),
      conn.execute<{ total: number }[]>(
        `select count(*)::int as total from playbook_run r ${where.sql}`,
        where.params,
      ),
    ]);
    return { items: rows.map(toRunView), total };
  }

  /** The run, its steps as they were when it started, and where its workflow is. */
  async getRun(id: string): Promise<{
    view: PlaybookRunView;
    steps: PlaybookStep[];
    temporalRunId: string | null;
  }> {
    const [row] = await this.em
      .getConnection()
      .execute<(RunRow & { steps: PlaybookStep[] })[]>(`${RUN_SQL('r.steps, ')} where r.id = ?`, [
        id,
      ]);
    if (!row) throw runNotFound(id);
    return { view: toRunView(row), steps: row.steps, temporalRunId: row.temporal_run_id };
  }

  /** 404 for an unknown playbook (the runs of a deleted one are found by run id only). */
  async assertExists(id: string): Promise<void> {
    const [row] = await this.em
      .getConnection()
      .execute<{ id: string }[]>('select id from playbook where id = ?', [id]);
    if (!row) throw playbookNotFound(id);
  }
}

const toPlaybookView = (r: PlaybookRow): PlaybookView => ({
  id: r.id,
  name: r.name,
  enabled: r.enabled,
  trigger: triggerOf(r),
  steps: r.steps,
  createdBy: r.creator_id ? { id: r.creator_id, name: r.creator_name ?? '' } : null,
  runCounts: { ...NO_RUNS, ...mapCounts(r.run_counts) },
  createdAt: isoDate(r.created_at),
  updatedAt: isoDate(r.updated_at),
});

const mapCounts = (counts: Partial<Record<PlaybookRunStatusName, number>>) =>
  Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, Number(v)]));

const toRunView = (r: RunRow): PlaybookRunView => ({
  id: r.id,
  playbookId: r.playbook_id,
  playbookName: r.playbook_name,
  clientId: r.client_id,
  clientName: r.client_name,
  trigger: r.trigger_type,
  year: r.trigger_type === 'yearly' ? r.occurrence : null,
  status: r.status,
  currentStep:
    r.current_step === null || !r.current_type
      ? null
      : { index: r.current_step, type: r.current_type },
  stepCount: r.step_count,
  wakeAt: r.status === 'running' ? isoDate(r.wake_at) : null,
  error: r.error,
  cancelReason: r.cancel_reason,
  log: r.log,
  startedAt: isoDate(r.started_at),
  finishedAt: isoDate(r.finished_at),
  workflowId: r.workflow_id,
});
