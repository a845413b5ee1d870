import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { startMissingWorkflows } from '@server/temporal/missing-workflows';
import { TemporalService } from '@server/temporal/temporal.service';
import { LIVE_REQUEST_IDS_SQL } from './file-request-delivery.repository';
import { FileRequestWorkflowsService } from './file-request-workflows.service';

/**
 * When the worker starts, every request still open in PostgreSQL gets a running workflow again
 * if it has none (Temporal's history lost or reset, a start that never happened): a request is
 * never left without reminders. Restarted workflows send nothing twice (emails are keyed).
 */
@Injectable()
export class FileRequestReconciler implements OnApplicationBootstrap {
  private readonly logger = new Logger(FileRequestReconciler.name);

  constructor(
    private readonly em: EntityManager,
    private readonly temporal: TemporalService,
    private readonly workflows: FileRequestWorkflowsService,
  ) {}

  onApplicationBootstrap(): void {
    // In the background: the worker must not wait for it to start polling.
    this.reconcile().catch((e: unknown) =>
      this.logger.warn(`Could not check file request workflows: ${String(e)}`),
    );
  }

  /** Returns how many workflows were started again. */
  async reconcile(): Promise<number> {
    const restarted = await startMissingWorkflows(this.em, this.temporal, {
      workflowType: 'fileRequestWorkflow',
      liveIdsSql: LIVE_REQUEST_IDS_SQL,
      workflowId: (id) => this.workflows.workflowId(id),
      start: (id) => this.workflows.start(id),
    });
    if (restarted) this.logger.warn(`Restarted ${restarted} file request workflow(s)`);
    return restarted;
  }
}
