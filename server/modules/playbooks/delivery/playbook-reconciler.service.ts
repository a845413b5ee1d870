import { EntityManager } from '@mikro-orm/postgresql';
import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { pgArray } from '../../../database/pg-array';
import { TemporalService } from '../../../temporal/temporal.service';
import { playbookCancelSignal } from '../../../../workflows/playbook/playbook-run.contract';
import { triggerOf, type TriggerColumns } from '../playbook-definition';
import { PlaybookRunWorkflows } from './playbook-run-workflows.service';
import { PlaybookSchedules } from './playbook-schedules.service';

const SWEEP_EVERY_MS = 60_000;

/**
 * The worker keeps Temporal in line with PostgreSQL: at start, runs whose workflow is gone
 * (history lost or reset) get one again and resume at their step, every yearly playbook gets
 * its schedule (and schedules of deleted playbooks go); then, every minute, runs whose workflow
 * could not be started or told to stop (Temporal was down) are caught up.
 */
@Injectable()
export class PlaybookReconciler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(PlaybookReconciler.name);
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly em: EntityManager,
    private readonly temporal: TemporalService,
    private readonly runs: PlaybookRunWorkflows,
    private readonly schedules: PlaybookSchedules,
  ) {}

  onApplicationBootstrap(): void {
    // In the background: the worker must not wait for it to start polling.
    this.reconcile()
      .catch((e: unknown) => this.logger.warn(`Could not check playbook workflows: ${String(e)}`))
      .finally(() => {
        this.timer = setInterval(() => void this.runs.kick(), SWEEP_EVERY_MS);
        this.timer.unref();
      });
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  async reconcile(): Promise<{ restarted: number }> {
    const restarted = await this.forgetLostWorkflows();
    await this.syncSchedules();
    await this.runs.sweep();
    return { restarted };
  }

  /**
   * Running runs without a running workflow are marked unstarted (the sweep starts them);
   * running workflows without a running run (the client was deleted, a signal was lost) stop.
   */
  private async forgetLostWorkflows(): Promise<number> {
    const running: { workflowId: string; runId: string; dbRunId: string }[] = [];
    const query = `WorkflowType = 'playbookRunWorkflow' AND ExecutionStatus = 'Running' AND TaskQueue = '${this.temporal.taskQueue}'`;
    for await (const wf of this.temporal.client.workflow.list({ query })) {
      running.push({ workflowId: wf.workflowId, runId: wf.runId, dbRunId: String(wf.memo?.runId) });
    }
    const conn = this.em.getConnection();
    const lost = await conn.execute<{ id: string }[]>(
      `update playbook_run set workflow_started_at = null, workflow_id = null, temporal_run_id = null
       where status = 'running' and workflow_started_at is not null
         and not (temporal_run_id = any(?::text[]))
       returning id`,
      [pgArray(running.map((r) => r.runId))],
    );
    if (lost.length) this.logger.warn(`Restarting ${lost.length} playbook run workflow(s)`);
    const live = new Set(
      (
        await conn.execute<{ id: string }[]>(
          `select id::text from playbook_run where status = 'running' and id::text = any(?::text[])`,
          [pgArray(running.map((r) => r.dbRunId))],
        )
      ).map((r) => r.id),
    );
    for (const orphan of running.filter((r) => !live.has(r.dbRunId))) {
      await this.temporal.client.workflow
        .getHandle(orphan.workflowId, orphan.runId)
        .signal(playbookCancelSignal)
        .catch((e: unknown) => this.logger.warn(`Could not stop ${orphan.workflowId}: ${e}`));
    }
    return lost.length;
  }

  private async syncSchedules(): Promise<void> {
    const playbooks = await this.em
      .getConnection()
      .execute<(TriggerColumns & { id: string; enabled: boolean })[]>(
        `select id, enabled, trigger_type, trigger_tag_id, trigger_month, trigger_day
         from playbook where trigger_type = 'yearly'`,
      );
    for (const p of playbooks) {
      await this.schedules.sync({ id: p.id, enabled: p.enabled, trigger: triggerOf(p) });
    }
    const yearly = new Set(playbooks.map((p) => p.id));
    for (const id of await this.schedules.existingPlaybookIds()) {
      if (!yearly.has(id)) await this.schedules.remove(id);
    }
  }
}
