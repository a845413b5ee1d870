import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { sqlRunner, sqlTransaction } from '@server/database/sql-runner';
import type { CampaignOutcome } from '@workflows/campaign/campaign.contract';
import { EmailDispatcherWaker } from '../../email/email-dispatcher-waker.service';
import { segmentFilterOf } from '../campaign-audience.repository';
import {
  countSendableRecipients,
  finishCampaign,
  findPendingEmails,
  insertCampaignRecipients,
  lockCampaignForStart,
  markCampaignStarted,
} from './campaign-delivery.repository';

const RUNNING = ['scheduled', 'sending'];

/** The campaign workflow's steps in the database, each re-reading the campaign's status. */
@Injectable()
export class CampaignRunService {
  constructor(
    private readonly em: EntityManager,
    private readonly waker: EmailDispatcherWaker,
  ) {}

  /**
   * Resolves the segment as it is now into recipients, in one set-based insert, and marks the
   * campaign sending. Done once: a retry (or a restarted workflow) finds `started_at` set and
   * keeps the first result, even if the segment has changed since.
   */
  async start(campaignId: string): Promise<{ live: boolean; total: number }> {
    return sqlTransaction(this.em, async (sql) => {
      const campaign = await lockCampaignForStart(sql, campaignId);
      if (!campaign || !RUNNING.includes(campaign.status)) return { live: false, total: 0 };
      if (!campaign.started_at) {
        // A segment deleted while the campaign was scheduled reaches nobody.
        const filter = await segmentFilterOf(sql, campaign.segment_id);
        if (filter) await insertCampaignRecipients(sql, campaignId, filter);
        await markCampaignStarted(sql, campaignId);
      }
      return { live: true, total: await countSendableRecipients(sql, campaignId) };
    });
  }

  /** Emails of the campaign still waiting for the dispatcher (which this also wakes). */
  async pendingEmails(campaignId: string): Promise<{ live: boolean; pending: number }> {
    const row = await findPendingEmails(sqlRunner(this.em), campaignId);
    if (!row || !RUNNING.includes(row.status)) return { live: false, pending: 0 };
    // Also covers a wake-up that was lost while the dispatcher was idle.
    if (row.pending) this.waker.wake();
    return { live: true, pending: row.pending };
  }

  /** A no-op when the database ended it already (cancelled through the API). */
  async finish(campaignId: string, outcome: CampaignOutcome): Promise<void> {
    await finishCampaign(sqlRunner(this.em), campaignId, outcome);
  }
}
