import { Injectable } from '@nestjs/common';
import { Context } from '@temporalio/activity';
import { CampaignMailerService } from '../../server/modules/campaigns/delivery/campaign-mailer.service';
import { CampaignRunService } from '../../server/modules/campaigns/delivery/campaign-run.service';
import type {
  CampaignActivities,
  CampaignOutcome,
} from '../../workflows/campaign/campaign.contract';

@Injectable()
export class CampaignActivitiesImpl implements CampaignActivities {
  constructor(
    private readonly run: CampaignRunService,
    private readonly mailer: CampaignMailerService,
  ) {}

  startCampaignSend(campaignId: string): Promise<{ live: boolean; total: number }> {
    return this.run.start(campaignId);
  }

  queueCampaignChunk(
    campaignId: string,
  ): Promise<{ live: boolean; queued: number; remaining: number }> {
    Context.current().heartbeat();
    return this.mailer.queueChunk(campaignId);
  }

  campaignPendingEmails(campaignId: string): Promise<{ live: boolean; pending: number }> {
    return this.run.pendingEmails(campaignId);
  }

  finishCampaign(campaignId: string, outcome: CampaignOutcome): Promise<void> {
    return this.run.finish(campaignId, outcome);
  }
}
