import type { EntityManager } from '@mikro-orm/postgresql';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { sqlRunner } from '../database/sql-runner';
import type { WorkflowType } from './registered-workflows';
import type { TemporalService } from './temporal.service';

const PAGE = 500;

export interface LiveRecords {
  /** The workflow type that should be running for each live record. */
  workflowType: WorkflowType;
  /** Selects `id` of live records after `?` (paging by id), ordered by id, limit `?`. */
  liveIdsSql: string;
  workflowId(id: string): string;
  start(id: string): Promise<void>;
}

/**
 * PostgreSQL is the record: every record that should have a running workflow gets one again if
 * it has none (Temporal's history lost or reset, a start that never happened). Returns how
 * many were started. A start that races another (the list lags, a second worker) stands.
 */
export async function startMissingWorkflows(
  em: EntityManager,
  temporal: TemporalService,
  records: LiveRecords,
): Promise<number> {
  const running = new Set<string>();
  const query = `WorkflowType = '${records.workflowType}' AND ExecutionStatus = 'Running'`;
  for await (const run of temporal.client.workflow.list({ query })) running.add(run.workflowId);
  let started = 0;
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const live = await sqlRunner(em)<{ id: string }[]>(records.liveIdsSql, [after, PAGE]);
    for (const { id } of live) {
      if (running.has(records.workflowId(id))) continue;
      try {
        await records.start(id);
        started += 1;
      } catch (e) {
        if (!(e instanceof WorkflowExecutionAlreadyStartedError)) throw e;
      }
    }
    if (live.length < PAGE) return started;
    after = live[live.length - 1].id;
  }
}
