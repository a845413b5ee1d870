import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, Logger } from '@nestjs/common';
import {
  WorkflowExecutionAlreadyStartedError,
  WorkflowIdReusePolicy,
  WorkflowNotFoundError,
} from '@temporalio/client';
import { forEachLimit } from '@server/common/async/for-each-limit';
import { sqlRunner, type SqlRunner } from '@server/database/sql-runner';
import { TemporalService } from '@server/temporal/temporal.service';
import {
  playbookCancelSignal,
  playbookRunStatusQuery,
  playbookRunWorkflowId,
  type PlaybookRunStatus,
} from '@workflows/playbook/playbook-run.contract';
import {
  playbookSyncAgainSignal,
  playbookSyncWorkflowId,
} from '@workflows/playbook/playbook-sync.contract';
import { findRunStatus } from '../playbook-runs.repository';
import {
  countRunsOutOfStep,
  findRunsToStart,
  findRunsToStop,
  markWorkflowEnded,
  markWorkflowStarted,
  type EndedRun,
  type PendingRun,
} from './playbook-run-workflows.repository';

/** The workflow of a run about to be deleted with its client. */
export interface RunWorkflowRef {
  workflow_id: string;
  temporal_run_id: string | null;
}

export interface SweepResult {
  started: number;
  signalled: number;
  /** Runs left for the next sweep: an error (logged), or the deadline passed. */
  left: number;
}

type Rpc = <T>(fn: () => Promise<T>) => Promise<T>;

/** Up to this many runs to start or stop are handled in the request that caused them. */
const INLINE = 25;
const PAGE = 200;
const CONCURRENCY = 16;
const FIRST_ID = '00000000-0000-0000-0000-000000000000';
/** How long a request may spend on Temporal after its change; the sync workflow does the rest. */
const KICK_DEADLINE_MS = 2000;
const HANDOFF_DEADLINE_MS = 1000;

/**
 * The `playbook-run` workflows, kept in line with playbook_run: a run recorded as running gets
 * its workflow, a run recorded as ended (cancelled by a tag removal, a disabled playbook) gets
 * the `cancel` signal. Runs are recorded in the transaction of what triggered them; this runs
 * after it committed.
 */
@Injectable()
export class PlaybookRunWorkflows {
  private readonly logger = new Logger(PlaybookRunWorkflows.name);

  constructor(
    private readonly em: EntityManager,
    private readonly temporal: TemporalService,
  ) {}

  /**
   * After a change that may have started or cancelled runs: a few are handled at once, many by
   * the sync workflow. Never fails the change, nor holds it up for more than about two seconds
   * (Temporal slow or down): what is left goes to the sync workflow, or the worker's next
   * sweep. PostgreSQL is the record.
   */
  async kick(): Promise<void> {
    const deadline = Date.now() + KICK_DEADLINE_MS;
    try {
      const n = await countRunsOutOfStep(sqlRunner(this.em), INLINE + 1);
      if (n === 0) return;
      if (n <= INLINE && (await this.sweep(() => undefined, deadline)).left === 0) return;
      await this.temporal.client.connection.withDeadline(
        Math.max(deadline, Date.now()) + HANDOFF_DEADLINE_MS,
        () => this.startSyncWorkflow(),
      );
    } catch (e) {
      this.logger.warn(`Playbook runs are not in step with their workflows yet: ${String(e)}`);
    }
  }

  /**
   * Every run to stop, then every run to start (a stopped run may hold the id a new one needs).
   * A run that fails is logged and left for the next sweep; past `deadline` (epoch ms) the rest
   * is left too.
   */
  async sweep(heartbeat: () => void = () => undefined, deadline?: number): Promise<SweepResult> {
    const rpc = <T>(fn: () => Promise<T>): Promise<T> =>
      deadline === undefined ? fn() : this.temporal.client.connection.withDeadline(deadline, fn);
    let signalled = 0;
    let left = await this.pages<EndedRun>(
      findRunsToStop,
      async (run) => {
        await this.stop(run, rpc);
        signalled += 1;
      },
      heartbeat,
      deadline,
    );
    let started = 0;
    left += await this.pages<PendingRun>(
      findRunsToStart,
      async (run) => {
        if (await this.start(run, rpc)) started += 1;
      },
      heartbeat,
      deadline,
    );
    return { started, signalled, left };
  }

  /**
   * Tells the workflows of runs deleted with their client (see deleteClientsWithRuns) to stop:
   * after the commit, bounded like a kick. One missed (Temporal down) ends at its next step,
   * or is stopped by the worker's sweep of workflows whose run is gone.
   */
  async stopDeleted(refs: RunWorkflowRef[]): Promise<void> {
    if (!refs.length) return;
    const deadline = Date.now() + KICK_DEADLINE_MS;
    await forEachLimit(refs, CONCURRENCY, async (ref) => {
      try {
        await this.temporal.client.connection.withDeadline(deadline, () =>
          this.temporal.client.workflow
            .getHandle(ref.workflow_id, ref.temporal_run_id ?? undefined)
            .signal(playbookCancelSignal),
        );
      } catch (e) {
        if (e instanceof WorkflowNotFoundError) return;
        this.logger.warn(`Could not stop ${ref.workflow_id} of a deleted client: ${String(e)}`);
      }
    });
  }

  /** A run's live status; null when Temporal does not answer in time. */
  status(workflowId: string, temporalRunId: string | null): Promise<PlaybookRunStatus | null> {
    return this.temporal.queryWithin(workflowId, playbookRunStatusQuery, {
      runId: temporalRunId ?? undefined,
    });
  }

  workflowUrl(workflowId: string): string {
    return this.temporal.workflowUrl(workflowId);
  }

  async startSyncWorkflow(): Promise<void> {
    await this.temporal.signalWithStart('playbookSyncWorkflow', {
      workflowId: playbookSyncWorkflowId(this.temporal.taskQueue),
      taskQueue: this.temporal.taskQueue,
      signal: playbookSyncAgainSignal,
      args: [],
    });
  }

  /**
   * Keyset pages, so a run left as it was (its id still held, or failing) is not read again
   * and again in one sweep. Returns how many rows were left for the next sweep.
   */
  private async pages<R extends { id: string }>(
    readPage: (sql: SqlRunner, after: string, limit: number) => Promise<R[]>,
    work: (row: R) => Promise<void>,
    heartbeat: () => void,
    deadline?: number,
  ): Promise<number> {
    let left = 0;
    for (let after = FIRST_ID; ;) {
      const page = await readPage(sqlRunner(this.em), after, PAGE);
      await forEachLimit(page, CONCURRENCY, async (row) => {
        if (deadline !== undefined && Date.now() >= deadline) {
          left += 1;
          return;
        }
        try {
          await work(row);
        } catch (e) {
          left += 1;
          this.logger.warn(`Playbook run ${row.id} left for the next sweep: ${String(e)}`);
        }
      });
      heartbeat();
      if (page.length < PAGE) return left;
      if (deadline !== undefined && Date.now() >= deadline) return left + 1;
      after = page[page.length - 1].id;
    }
  }

  /** False when the workflow id is still held by another run the database says is running. */
  private async start(run: PendingRun, rpc: Rpc, again = false): Promise<boolean> {
    if (!run.playbook_id) return false;
    const workflowId = playbookRunWorkflowId(
      run.playbook_id,
      run.client_id,
      run.trigger_type === 'yearly' ? run.occurrence : undefined,
    );
    try {
      const handle = await rpc(() =>
        this.temporal.start('playbookRunWorkflow', {
          workflowId,
          taskQueue: this.temporal.taskQueue,
          args: [{ runId: run.id }],
          memo: { runId: run.id },
          searchAttributes: { ClientId: [run.client_id] },
          // A new run after an ended one reuses the id; a second start while one runs is refused.
          workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE,
        }),
      );
      await this.markStarted(run.id, workflowId, handle.firstExecutionRunId);
      return true;
    } catch (e) {
      if (!(e instanceof WorkflowExecutionAlreadyStartedError)) throw e;
    }
    const current = await rpc(() => this.temporal.client.workflow.getHandle(workflowId).describe());
    const holder = current.memo?.runId as string | undefined;
    if (holder === run.id) {
      await this.markStarted(run.id, workflowId, current.runId);
      return true;
    }
    // The workflow of an ended run that has not finished yet (a tag removed and added again).
    const other = holder ? await findRunStatus(sqlRunner(this.em), holder) : undefined;
    if (other === 'running' || again) {
      this.logger.warn(`Playbook run ${run.id} waits for ${workflowId} to end`);
      return false;
    }
    // That execution only: a concurrent sweep may already have started this run's own one.
    await rpc(() =>
      this.temporal.client.workflow
        .getHandle(workflowId, current.runId)
        .terminate(`Superseded by playbook run ${run.id}`),
    ).catch((e: unknown) => {
      if (!(e instanceof WorkflowNotFoundError)) throw e;
    });
    if (holder) await this.markEnded(holder);
    return this.start(run, rpc, true);
  }

  private async stop(run: EndedRun, rpc: Rpc): Promise<void> {
    try {
      await rpc(() =>
        this.temporal.client.workflow
          .getHandle(run.workflow_id, run.temporal_run_id ?? undefined)
          .signal(playbookCancelSignal),
      );
    } catch (e) {
      if (!(e instanceof WorkflowNotFoundError)) throw e;
      await this.markEnded(run.id);
    }
  }

  private async markStarted(runId: string, workflowId: string, temporalRunId: string) {
    await markWorkflowStarted(sqlRunner(this.em), runId, workflowId, temporalRunId);
  }

  private async markEnded(runId: string) {
    await markWorkflowEnded(sqlRunner(this.em), runId);
  }
}
