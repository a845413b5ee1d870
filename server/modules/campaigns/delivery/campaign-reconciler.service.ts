import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { isoDate } from '@server/common/http/iso-date';
import { sqlRunner } from '@server/database/sql-runner';
import { startMissingWorkflows } from '@server/temporal/missing-workflows';
import { TemporalService } from '@server/temporal/temporal.service';
import { findScheduledAt, LIVE_CAMPAIGN_IDS_SQL } from './campaign-delivery.repository';
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
      liveIdsSql: LIVE_CAMPAIGN_IDS_SQL,
      workflowId: (id) => this.workflows.workflowId(id),
      start: async (id) => {
        const scheduledAt = await findScheduledAt(sqlRunner(this.em), id);
        const at = scheduledAt ? new Date(isoDate(scheduledAt)) : null;
        await this.workflows.start(id, at);
      },
    });
    if (restarted) this.logger.warn(`Restarted ${restarted} campaign workflow(s)`);
    return restarted;
  }
}
