import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { isoDate } from '@server/common/http/iso-date';
import { startMissingWorkflows } from '@server/temporal/missing-workflows';
import { TemporalService } from '@server/temporal/temporal.service';
import { CampaignWorkflowsService } from './campaign-workflows.service';

/**
 * When the worker starts, a campaign scheduled or sending in PostgreSQL whose workflow is gone
 * (a crash between marking it and starting it, lost history) gets one again; the workflow's
 * steps are idempotent, so nothing is sent twice.
 */
@Injectable()
export class CampaignReconciler implements OnApplicationBootstrap {
  private readonly logger = new Logger(CampaignReconciler.name);

  constructor(
    private readonly em: EntityManager,
    private readonly temporal: TemporalService,
    private readonly workflows: CampaignWorkflowsService,
  ) {}

  onApplicationBootstrap(): void {
    this.reconcile().catch((e: unknown) =>
      this.logger.warn(`Could not check campaign workflows: ${String(e)}`),
    );
  }

  async reconcile(): Promise<number> {
    const restarted = await startMissingWorkflows(this.em, this.temporal, {
      workflowType: 'campaignWorkflow',
      liveIdsSql: `select id from campaign where status in ('scheduled','sending') and id > ?
        order by id limit ?`,
      workflowId: (id) => this.workflows.workflowId(id),
      start: async (id) => {
        const [row] = await this.em
          .getConnection()
          .execute<{ scheduled_at: string | null }[]>(
            'select scheduled_at from campaign where id = ?',
            [id],
          );
        const at = row?.scheduled_at ? new Date(isoDate(row.scheduled_at)) : null;
        await this.workflows.start(id, at);
      },
    });
    if (restarted) this.logger.warn(`Restarted ${restarted} campaign workflow(s)`);
    return restarted;
  }
}
