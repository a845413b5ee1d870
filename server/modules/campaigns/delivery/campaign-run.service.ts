import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { sqlTransaction } from '@server/database/sql-runner';
import type { CampaignOutcome } from '@workflows/campaign/campaign.contract';
import { EmailDispatcherWaker } from '../../email/email-dispatcher-waker.service';
import { campaignAudience, segmentFilterOf } from '../campaign-audience.sql';

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
      const [campaign] = await sql<
        { status: string; segment_id: string | null; started_at: string | null }[]
      >('select status, segment_id, started_at from campaign where id = ? for update', [
        campaignId,
      ]);
      if (!campaign || !RUNNING.includes(campaign.status)) return { live: false, total: 0 };
      if (!campaign.started_at) {
        // A segment deleted while the campaign was scheduled reaches nobody.
        const filter = await segmentFilterOf(sql, campaign.segment_id);
        if (filter) {
          const audience = campaignAudience(filter);
          await sql(
            `insert into campaign_recipient (campaign_id, contact_id, client_id, email, skip_reason)
             select ?, a.contact_id, a.client_id, a.email, a.skip_reason from (${audience.sql}) a
             on conflict do nothing`,
            [campaignId, ...audience.params],
          );
        }
        await sql(
          `update campaign set status = 'sending', started_at = now(), updated_at = now()
           where id = ?`,
          [campaignId],
        );
      }
      const [{ total }] = await sql<{ total: number }[]>(
        `select count(*)::int as total from campaign_recipient
         where campaign_id = ? and skip_reason is null`,
        [campaignId],
      );
      return { live: true, total };
    });
  }

  /** Emails of the campaign still waiting for the dispatcher (which this also wakes). */
  async pendingEmails(campaignId: string): Promise<{ live: boolean; pending: number }> {
    const [row] = await this.em.getConnection().execute<{ status: string; pending: number }[]>(
      `select k.status, (select count(*)::int from email_message m
         where m.campaign_id = k.id and m.status in ('queued','sending')) as pending
       from campaign k where k.id = ?`,
      [campaignId],
    );
    if (!row || !RUNNING.includes(row.status)) return { live: false, pending: 0 };
    // Also covers a wake-up that was lost while the dispatcher was idle.
    if (row.pending) this.waker.wake();
    return { live: true, pending: row.pending };
  }

  /** A no-op when the database ended it already (cancelled through the API). */
  async finish(campaignId: string, outcome: CampaignOutcome): Promise<void> {
    await this.em.getConnection().execute(
      `update campaign set status = ?, finished_at = now(), updated_at = now()
       where id = ? and status in ('scheduled','sending')`,
      [outcome, campaignId],
    );
  }
}
