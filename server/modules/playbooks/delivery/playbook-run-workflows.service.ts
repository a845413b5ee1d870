import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, Logger } from '@nestjs/common';
import {
  WorkflowExecutionAlreadyStartedError,
  WorkflowIdReusePolicy,
  WorkflowNotFoundError,
} from '@temporalio/client';
import { forEachLimit } from '../../../common/async/for-each-limit';
import { TemporalService } from '../../../temporal/temporal.service';
import {
  playbookCancelSignal,
  playbookRunStatusQuery,
  playbookRunWorkflowId,
  type PlaybookRunInput,
  type PlaybookRunStatus,
} from '../../../../workflows/playbook/playbook-run.contract';
import {
  playbookSyncAgainSignal,
  playbookSyncWorkflowId,
} from '../../../../workflows/playbook/playbook-sync.contract';

interface PendingRun {
  id: string;
  playbook_id: string | null;
  client_id: string;
  trigger_type: string;
  occurrence: string;
}

interface EndedRun {
  id: string;
  workflow_id: string;
  temporal_run_id: string | null;
}

/** Up to this many runs to start or stop are handled in the request that caused them. */
const INLINE = 25;
const PAGE = 200;
const CONCURRENCY = 16;
const FIRST_ID = '00000000-0000-0000-0000-000000000000';
const STATUS_DEADLINE_MS = 1500;

const TO_START = `status = 'running' and workflow_started_at is null`;
const TO_STOP = `status <> 'running' and workflow_started_at is not null and workflow_ended_at is null`;

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
   * the sync workflow. Never fails the change: PostgreSQL is the record, and the worker catches
   * up on its next sweep.
   */
  async kick(): Promise<void> {
    try {
      const [{ n }] = await this.em.getConnection().execute<{ n: number }[]>(
        `select (select count(*) from (select 1 from playbook_run where ${TO_START} limit ?) a)::int
           + (select count(*) from (select 1 from playbook_run where ${TO_STOP} limit ?) b)::int as n`,
        [INLINE + 1, INLINE + 1],
      );
      if (n === 0) return;
      if (n <= INLINE) await this.sweep();
      else await this.startSyncWorkflow();
    } catch (e) {
      this.logger.warn(`Playbook runs are not in step with their workflows yet: ${String(e)}`);
    }
  }

  /** Every run to stop, then every run to start (a stopped run may hold the id a new one needs). */
  async sweep(heartbeat: () => void = () => undefined): Promise<{
    started: number;
    signalled: number;
  }> {
    let signalled = 0;
    await this.pages<EndedRun>(
      `select id, workflow_id, temporal_run_id from playbook_run where ${TO_STOP}`,
      async (run) => {
        await this.stop(run);
        signalled += 1;
      },
      heartbeat,
    );
    let started = 0;
    await this.pages<PendingRun>(
      `select id, playbook_id, client_id, trigger_type, occurrence from playbook_run where ${TO_START}`,
      async (run) => {
        if (await this.start(run)) started += 1;
      },
      heartbeat,
    );
    return { started, signalled };
  }

  /**
   * A run's live status; null when Temporal does not answer in time (no worker running, say: a
   * query waits for one), so the run page never hangs on it.
   */
  async status(
    workflowId: string,
    temporalRunId: string | null,
  ): Promise<PlaybookRunStatus | null> {
    const handle = this.temporal.client.workflow.getHandle(workflowId, temporalRunId ?? undefined);
    try {
      return await this.temporal.client.connection.withDeadline(
        Date.now() + STATUS_DEADLINE_MS,
        () => handle.query(playbookRunStatusQuery),
      );
    } catch {
      return null;
    }
  }

  workflowUrl(workflowId: string): string {
    return this.temporal.workflowUrl(workflowId);
  }

  async startSyncWorkflow(): Promise<void> {
    await this.temporal.client.workflow.signalWithStart('playbookSyncWorkflow', {
      workflowId: playbookSyncWorkflowId(this.temporal.taskQueue),
      taskQueue: this.temporal.taskQueue,
      signal: playbookSyncAgainSignal,
      args: [],
    });
  }

  /** Keyset pages, so a run left as it was (its id still held) is not read again and again. */
  private async pages<R extends { id: string }>(
    select: string,
    work: (row: R) => Promise<void>,
    heartbeat: () => void,
  ): Promise<void> {
    for (let after = FIRST_ID; ;) {
      const page = await this.em
        .getConnection()
        .execute<R[]>(`${select} and id > ? order by id limit ?`, [after, PAGE]);
      await forEachLimit(page, CONCURRENCY, work);
      heartbeat();
      if (page.length < PAGE) return;
      after = page[page.length - 1].id;
    }
  }

  /** False when the workflow id is still held by another run the database says is running. */
  private async start(run: PendingRun, again = false): Promise<boolean> {
    if (!run.playbook_id) return false;
    const workflowId = playbookRunWorkflowId(
      run.playbook_id,
      run.client_id,
      run.trigger_type === 'yearly' ? run.occurrence : undefined,
    );
    try {
      const handle = await this.temporal.client.workflow.start('playbookRunWorkflow', {
        workflowId,
        taskQueue: this.temporal.taskQueue,
        args: [{ runId: run.id }] as [PlaybookRunInput],
        memo: { runId: run.id },
        searchAttributes: { ClientId: [run.client_id] },
        // A new run after an ended one reuses the id; a second start while one runs is refused.
        workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE,
      });
      await this.markStarted(run.id, workflowId, handle.firstExecutionRunId);
      return true;
    } catch (e) {
      if (!(e instanceof WorkflowExecutionAlreadyStartedError)) throw e;
    }
    const handle = this.temporal.client.workflow.getHandle(workflowId);
    const current = await handle.describe();
    const holder = current.memo?.runId as string | undefined;
    if (holder === run.id) {
      await this.markStarted(run.id, workflowId, current.runId);
      return true;
    }
    // The workflow of an ended run that has not finished yet (a tag removed and added again).
    const [other] = holder
      ? await this.em
          .getConnection()
          .execute<{ status: string }[]>('select status from playbook_run where id = ?', [holder])
      : [];
    if (other?.status === 'running' || again) {
      this.logger.warn(`Playbook run ${run.id} waits for ${workflowId} to end`);
      return false;
    }
    await handle.terminate(`Superseded by playbook run ${run.id}`).catch((e: unknown) => {
      if (!(e instanceof WorkflowNotFoundError)) throw e;
    });
    if (holder) await this.markEnded(holder);
    return this.start(run, true);
  }

  private async stop(run: EndedRun): Promise<void> {
    try {
      await this.temporal.client.workflow
        .getHandle(run.workflow_id, run.temporal_run_id ?? undefined)
        .signal(playbookCancelSignal);
    } catch (e) {
      if (!(e instanceof WorkflowNotFoundError)) throw e;
      await this.markEnded(run.id);
    }
  }

  private async markStarted(runId: string, workflowId: string, temporalRunId: string) {
    await this.em.getConnection().execute(
      `update playbook_run set workflow_started_at = coalesce(workflow_started_at, now()),
         workflow_id = ?, temporal_run_id = ? where id = ?`,
      [workflowId, temporalRunId, runId],
    );
  }

  private async markEnded(runId: string) {
    await this.em
      .getConnection()
      .execute(
        `update playbook_run set workflow_ended_at = coalesce(workflow_ended_at, now()) where id = ?`,
        [runId],
      );
  }
}
