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
import { findFirstSendableContact, segmentFilterOf } from '../campaign-audience.repository';
import { campaignNotFound } from '../campaigns.errors';
import { findCampaignContent, type CampaignContent } from '../campaigns.repository';
import {
  claimPendingRecipients,
  countRemainingRecipients,
  linkRecipientEmails,
  markLateSkips,
  type PendingRecipient,
} from './campaign-delivery.repository';
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
      const campaign = await findCampaignContent(sql, campaignId, 'for share');
      if (campaign?.status !== 'sending') return { live: false, queued: 0, remaining: 0 };
      const batch = await claimPendingRecipients(sql, campaignId, CHUNK);
      await markLateSkips(
        sql,
        campaignId,
        batch.filter((r) => r.late_skip),
      );
      const sendable = batch.filter((r) => !r.late_skip);
      const queued = await this.queue(sql, campaignId, campaign, sendable, settings);
      return { live: true, queued, remaining: await countRemainingRecipients(sql, campaignId) };
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
    const campaign = await findCampaignContent(sqlRunner(this.em), campaignId);
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
    campaign: CampaignContent,
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
    await linkRecipientEmails(sql, campaignId, marks);
    return queued;
  }

  private async sample(segmentId: string | null): Promise<MergeSource> {
    const filter = await segmentFilterOf(sqlRunner(this.em), segmentId);
    if (!filter) return SAMPLE_RECIPIENT;
    return (await findFirstSendableContact(sqlRunner(this.em), filter)) ?? SAMPLE_RECIPIENT;
  }
}
