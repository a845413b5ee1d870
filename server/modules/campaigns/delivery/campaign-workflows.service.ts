import { Injectable, Logger } from '@nestjs/common';
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/client';
import { TemporalService } from '@server/temporal/temporal.service';
import {
  campaignStatusQuery,
  campaignWorkflowId,
  cancelCampaignSignal,
  type CampaignInput,
  type CampaignWorkflowStatus,
} from '@workflows/campaign/campaign.contract';
import { BULK_PRIORITY } from '@workflows/shared/priorities';

/**
 * Starts, cancels and asks a campaign's `campaign-<id>` workflow. PostgreSQL is the record: a
 * cancel signal that cannot be delivered is logged, and the workflow stops at its next step
 * anyway, since every activity re-reads the campaign's status.
 */
@Injectable()
export class CampaignWorkflowsService {
  private readonly logger = new Logger(CampaignWorkflowsService.name);

  constructor(private readonly temporal: TemporalService) {}

  workflowId = campaignWorkflowId;

  workflowUrl(campaignId: string): string {
    return this.temporal.workflowUrl(campaignWorkflowId(campaignId));
  }

  /** Starts it; one already running (an earlier attempt's start that did get through) stands. */
  async start(campaignId: string, scheduledAt: Date | null): Promise<void> {
    const input: CampaignInput = { campaignId, scheduledAt: scheduledAt?.toISOString() ?? null };
    try {
      await this.temporal.start('campaignWorkflow', {
        workflowId: campaignWorkflowId(campaignId),
        taskQueue: this.temporal.taskQueue,
        priority: BULK_PRIORITY,
        args: [input],
      });
    } catch (e) {
      if (!(e instanceof WorkflowExecutionAlreadyStartedError)) throw e;
    }
  }

  async cancel(campaignId: string): Promise<void> {
    try {
      await this.temporal.client.workflow
        .getHandle(campaignWorkflowId(campaignId))
        .signal(cancelCampaignSignal);
    } catch (e) {
      if (!(e instanceof WorkflowNotFoundError)) {
        this.logger.warn(`Cancel signal to campaign ${campaignId} failed: ${e}`);
      }
    }
  }

  /** Live status; null when Temporal does not answer in time. */
  status(campaignId: string): Promise<CampaignWorkflowStatus | null> {
    return this.temporal.queryWithin(campaignWorkflowId(campaignId), campaignStatusQuery);
  }
}
