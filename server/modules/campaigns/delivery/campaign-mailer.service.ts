import { randomUUID } from 'node:crypto';
import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { hashSecretToken, newSecretToken } from '@server/common/crypto/secret-token';
import { APP_CONFIG } from '@server/config/config.module';
import type { AppConfig } from '@server/config/env.schema';
import { sqlRunner, sqlTransaction, type SqlRunner } from '@server/database/sql-runner';
import { EmailDispatcherWaker } from '../../email/email-dispatcher-waker.service';
import { insertOutgoingEmails } from '../../email/email.repository';
import { fromHeader, type OutgoingEmail } from '../../email/outgoing-email';
import { SettingsService } from '../../settings/settings.service';
import type { FirmSettings } from '../../settings/settings.view';
import type { CampaignPreview } from '../campaign.view';
import { campaignAudience, segmentFilterOf } from '../campaign-audience.sql';
import { campaignNotFound } from '../campaigns.errors';
import {
  SAMPLE_RECIPIENT,
  compileCampaign,
  listUnsubscribeHeaders,
  mergeValues,
  unsubscribeUrls,
  type MergeSource,
} from './campaign-message';

/** Recipients rendered and queued per activity: one transaction, a few seconds at most. */
const CHUNK = 500;

interface LiveCampaign {
  subject: string;
  body: string;
  sender_email: string;
  status: string;
  segment_id: string | null;
}

interface PendingRecipient extends MergeSource {
  contact_id: string;
  /** Since the segment was resolved: skipped now rather than emailed. */
  late_skip: 'unsubscribed' | 'suppressed' | null;
}

/**
 * Turns a campaign into emails: each recipient's own unsubscribe token (only its hash is
 * stored), the merge fields filled in, List-Unsubscribe headers, one idempotency key per
 * campaign and contact. Also renders previews and test sends to staff.
 */
@Injectable()
export class CampaignMailerService {
  constructor(
    private readonly em: EntityManager,
    private readonly settings: SettingsService,
    private readonly waker: EmailDispatcherWaker,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Queues the next chunk of a sending campaign. Rows are claimed with `skip locked` and marked
   * in the same transaction, so a retried activity never queues a recipient twice.
   */
  async queueChunk(
    campaignId: string,
  ): Promise<{ live: boolean; queued: number; remaining: number }> {
    const settings = await this.settings.get();
    const result = await sqlTransaction(this.em, async (sql) => {
      // Shared: a cancellation (which locks it for update) waits for this chunk, or stops it.
      const campaign = await this.campaign(sql, campaignId, 'for share');
      if (campaign?.status !== 'sending') return { live: false, queued: 0, remaining: 0 };
      const batch = await sql<PendingRecipient[]>(
        `select r.contact_id, r.email, ct.first_name, ct.last_name, c.display_name as client_name,
           case when ct.unsubscribed_at is not null then 'unsubscribed'
             when exists (select 1 from email_suppression s where s.email = lower(r.email))
               then 'suppressed' end as late_skip
         from campaign_recipient r
         join contact ct on ct.id = r.contact_id
         left join client c on c.id = r.client_id
         where r.campaign_id = ? and r.email_message_id is null and r.skip_reason is null
         order by r.contact_id limit ? for update of r skip locked`,
        [campaignId, CHUNK],
      );
      await sql(
        `update campaign_recipient r set skip_reason = x.late_skip
         from jsonb_to_recordset(?::jsonb) as x(contact_id uuid, late_skip text)
         where r.campaign_id = ? and r.contact_id = x.contact_id`,
        [JSON.stringify(batch.filter((r) => r.late_skip)), campaignId],
      );
      const sendable = batch.filter((r) => !r.late_skip);
      const queued = await this.queue(sql, campaignId, campaign, sendable, settings);
      const [{ remaining }] = await sql<{ remaining: number }[]>(
        `select count(*)::int as remaining from campaign_recipient
         where campaign_id = ? and email_message_id is null and skip_reason is null`,
        [campaignId],
      );
      return { live: true, queued, remaining };
    });
    if (result.queued) this.waker.wake();
    return result;
  }

  /** The message filled as for the segment's first reachable contact (else sample values). */
  async preview(
    content: { subject: string; body: string },
    segmentId: string | null,
  ): Promise<CampaignPreview> {
    const settings = await this.settings.get();
    const values = mergeValues(await this.sample(segmentId), settings.firmName);
    const compiled = await compileCampaign(content, settings);
    const url = unsubscribeUrls(this.config.PUBLIC_URL, 'preview').page;
    return { ...compiled.fill(values, url), mergeValues: values };
  }

  /**
   * One email to a staff member, as the first recipient would get it, marked as a test. Its
   * unsubscribe link is a dummy: it belongs to no contact.
   */
  async sendTest(campaignId: string, to: string): Promise<{ emailId: string; to: string }> {
    const campaign = await this.campaign(sqlRunner(this.em), campaignId);
    if (!campaign) throw campaignNotFound(campaignId);
    const settings = await this.settings.assertSender(campaign.sender_email);
    const message = await this.preview(campaign, campaign.segment_id);
    const id = randomUUID();
    await sqlTransaction(this.em, (sql) =>
      insertOutgoingEmails(
        sql,
        [
          {
            id,
            kind: 'campaign',
            idempotencyKey: `campaign/${campaignId}/test/${id}`,
            to,
            from: fromHeader(settings.firmName, campaign.sender_email),
            subject: `[Test] ${message.subject}`,
            html: message.html,
            text: message.text,
            links: [],
            contactId: null,
            invitationId: null,
            campaignId,
          },
        ],
        settings.emailDelivery,
      ),
    );
    this.waker.wake();
    return { emailId: id, to };
  }

  private async queue(
    sql: SqlRunner,
    campaignId: string,
    campaign: LiveCampaign,
    recipients: PendingRecipient[],
    settings: FirmSettings,
  ): Promise<number> {
    if (!recipients.length) return 0;
    const compiled = await compileCampaign(campaign, settings);
    const from = fromHeader(settings.firmName, campaign.sender_email);
    const marks: { contact_id: string; idempotency_key: string; token_hash: string }[] = [];
    const emails = recipients.map((r): OutgoingEmail => {
      const token = newSecretToken();
      const urls = unsubscribeUrls(this.config.PUBLIC_URL, token);
      const idempotencyKey = `campaign/${campaignId}/${r.contact_id}`;
      marks.push({
        contact_id: r.contact_id,
        idempotency_key: idempotencyKey,
        token_hash: hashSecretToken(token),
      });
      return {
        id: randomUUID(),
        kind: 'campaign',
        idempotencyKey,
        to: r.email,
        from,
        ...compiled.fill(mergeValues(r, settings.firmName), urls.page),
        // Listed so the stored copy loses them once sent, like invitation links.
        links: [
          { label: 'Unsubscribe', url: urls.page },
          { label: 'One-click unsubscribe', url: urls.oneClick },
        ],
        contactId: r.contact_id,
        invitationId: null,
        campaignId,
        headers: listUnsubscribeHeaders(urls.oneClick),
        bulk: true,
      };
    });
    const queued = await insertOutgoingEmails(sql, emails, settings.emailDelivery);
    // By key: the recipient points at its email even if one was there already.
    await sql(
      `update campaign_recipient r set email_message_id = m.id, unsubscribe_token_hash = x.token_hash
       from jsonb_to_recordset(?::jsonb) as x(contact_id uuid, idempotency_key text, token_hash text)
       join email_message m on m.idempotency_key = x.idempotency_key
       where r.campaign_id = ? and r.contact_id = x.contact_id`,
      [JSON.stringify(marks), campaignId],
    );
    return queued;
  }

  private async campaign(
    sql: SqlRunner,
    campaignId: string,
    lock = '',
  ): Promise<LiveCampaign | undefined> {
    const [row] = await sql<LiveCampaign[]>(
      `select subject, body, sender_email, status, segment_id from campaign where id = ? ${lock}`,
      [campaignId],
    );
    return row;
  }

  private async sample(segmentId: string | null): Promise<MergeSource> {
    const filter = await segmentFilterOf(sqlRunner(this.em), segmentId);
    if (!filter) return SAMPLE_RECIPIENT;
    const audience = campaignAudience(filter);
    const [first] = await this.em.getConnection().execute<MergeSource[]>(
      `select a.email, ct.first_name, ct.last_name, c.display_name as client_name
       from (${audience.sql}) a
       join contact ct on ct.id = a.contact_id
       join client c on c.id = a.client_id
       where a.skip_reason is null order by lower(a.email) limit 1`,
      audience.params,
    );
    return first ?? SAMPLE_RECIPIENT;
  }
}
