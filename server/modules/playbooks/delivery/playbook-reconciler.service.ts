import { EntityManager } from '@mikro-orm/postgresql';
import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { sqlRunner } from '@server/database/sql-runner';
import { TemporalService } from '@server/temporal/temporal.service';
import { playbookCancelSignal } from '@workflows/playbook/playbook-run.contract';
import { triggerOf } from '../playbook-definition';
import {
  findRunningRunIds,
  findYearlyPlaybooks,
  forgetLostWorkflows,
  isYearlyPlaybook,
} from './playbook-run-workflows.repository';
import { PlaybookRunWorkflows } from './playbook-run-workflows.service';
import { PlaybookSchedules } from './playbook-schedules.service';

const SWEEP_EVERY_MS = 60_000;

interface RunningWorkflow {
  workflowId: string;
  runId: string;
  dbRunId: string;
}

/**
 * The worker keeps Temporal in line with PostgreSQL: at start, runs whose workflow is gone
 * (history lost or reset) get one again and resume at their step; then, every minute, runs
 * whose workflow could not be started or told to stop (Temporal was down) are caught up. At
 * start and every minute, every yearly playbook gets its schedule (and schedules of deleted
 * playbooks go: a failed update after a save is repaired), and workflows whose run is gone
 * (deleted with its client) are stopped.
 */
@Injectable()
export class PlaybookReconciler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(PlaybookReconciler.name);
  private timer?: NodeJS.Timeout;
  private ticking = false;

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
        this.timer = setInterval(() => void this.tick(), SWEEP_EVERY_MS);
        this.timer.unref();
      });
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  async reconcile(): Promise<{ restarted: number }> {
    const running = await this.runningWorkflows();
    const restarted = await this.forgetLostWorkflows(running);
    await this.stopOrphans(running);
    await this.syncSchedules();
    await this.runs.sweep();
    return { restarted };
  }

  /** The periodic sweep; each part on its own, so one failing does not skip the others. */
  async tick(): Promise<void> {
    if (this.ticking) return;
    this.ticking = true;
    const attempt = (what: string, work: () => Promise<unknown>) =>
      work().catch((e: unknown) => this.logger.warn(`Could not ${what}: ${String(e)}`));
    try {
      await this.runs.kick();
      await attempt('sync playbook schedules', () => this.syncSchedules());
      await attempt('stop orphan playbook workflows', async () =>
        this.stopOrphans(await this.runningWorkflows()),
      );
    } finally {
      this.ticking = false;
    }
  }

  private async runningWorkflows(): Promise<RunningWorkflow[]> {
    const running: RunningWorkflow[] = [];
    const query = `WorkflowType = 'playbookRunWorkflow' AND ExecutionStatus = 'Running' AND TaskQueue = '${this.temporal.taskQueue}'`;
    for await (const wf of this.temporal.client.workflow.list({ query })) {
      running.push({ workflowId: wf.workflowId, runId: wf.runId, dbRunId: String(wf.memo?.runId) });
    }
    return running;
  }

  /** Running runs without a running workflow are marked unstarted (the sweep starts them). */
  private async forgetLostWorkflows(running: RunningWorkflow[]): Promise<number> {
    const lost = await forgetLostWorkflows(
      sqlRunner(this.em),
      running.map((r) => r.runId),
    );
    if (lost) this.logger.warn(`Restarting ${lost} playbook run workflow(s)`);
    return lost;
  }

  /** Running workflows without a running run (the client was deleted, a signal was lost) stop. */
  private async stopOrphans(running: RunningWorkflow[]): Promise<void> {
    if (!running.length) return;
    const live = await findRunningRunIds(
      sqlRunner(this.em),
      running.map((r) => r.dbRunId),
    );
    for (const orphan of running.filter((r) => !live.has(r.dbRunId))) {
      await this.temporal.client.workflow
        .getHandle(orphan.workflowId, orphan.runId)
        .signal(playbookCancelSignal)
        .catch((e: unknown) => this.logger.warn(`Could not stop ${orphan.workflowId}: ${e}`));
    }
  }

  private async syncSchedules(): Promise<void> {
    const playbooks = await findYearlyPlaybooks(sqlRunner(this.em));
    let failed = 0;
    for (const p of playbooks) {
      await this.schedules
        .sync({ id: p.id, enabled: p.enabled, trigger: triggerOf(p) })
        .catch((e: unknown) => {
          failed += 1;
          this.logger.warn(`Schedule of playbook ${p.id} not updated: ${String(e)}`);
        });
    }
    const yearly = new Set(playbooks.map((p) => p.id));
    for (const id of await this.schedules.existingPlaybookIds()) {
      if (yearly.has(id)) continue;
      // Made yearly (or created) since the read above: its save synced the schedule.
      if (!(await isYearlyPlaybook(sqlRunner(this.em), id))) await this.schedules.remove(id);
    }
    if (failed) throw new Error(`${failed} playbook schedule(s) not updated`);
  }
}
