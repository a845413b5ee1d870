import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { Page } from '../../common/http/content-range';
import { isoDate } from '../../common/http/iso-date';
import type { ListQuery } from '../../common/http/list-query';
import { sqlRunner } from '../../database/sql-runner';
import { triggerOf } from './playbook-definition';
import { findRun, listRuns, type RunRow } from './playbook-runs.repository';
import type { PlaybookRunView, PlaybookView } from './playbook.view';
import { playbookNotFound, runNotFound } from './playbooks.errors';
import {
  findPlaybook,
  listPlaybooks,
  playbookExists,
  type PlaybookRow,
} from './playbooks.repository';
import type {
  PlaybookFilter,
  PlaybookRunFilter,
  PlaybookRunSortField,
  PlaybookRunStatusName,
  PlaybookSortField,
  PlaybookStep,
} from './playbooks.schemas';

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
    const { items, total } = await listPlaybooks(sqlRunner(this.em), query);
    return { items: items.map(toPlaybookView), total };
  }

  async get(id: string): Promise<PlaybookView> {
    const row = await findPlaybook(sqlRunner(this.em), id);
    if (!row) throw playbookNotFound(id);
    return toPlaybookView(row);
  }

  async listRuns(
    query: ListQuery<PlaybookRunFilter, PlaybookRunSortField>,
  ): Promise<Page<PlaybookRunView>> {
    const { items, total } = await listRuns(sqlRunner(this.em), query);
    return { items: items.map(toRunView), total };
  }

  /** The run, its steps as they were when it started, and where its workflow is. */
  async getRun(id: string): Promise<{
    view: PlaybookRunView;
    steps: PlaybookStep[];
    temporalRunId: string | null;
  }> {
    const row = await findRun(sqlRunner(this.em), id);
    if (!row) throw runNotFound(id);
    return { view: toRunView(row), steps: row.steps, temporalRunId: row.temporal_run_id };
  }

  /** 404 for an unknown playbook (the runs of a deleted one are found by run id only). */
  async assertExists(id: string): Promise<void> {
    if (!(await playbookExists(sqlRunner(this.em), id))) throw playbookNotFound(id);
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
