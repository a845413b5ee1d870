import { randomUUID } from 'node:crypto';
import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { ApplicationFailure } from '@temporalio/activity';
import { Resend, type CreateBatchOptions } from 'resend';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/env.schema';
import { sqlRunner, type SqlRunner } from '../../database/sql-runner';
import type { EmailLink } from './outgoing-email';
import { holdSendsFor, sendInTurn } from './send-pace';

interface ClaimedEmail {
  id: string;
  batch_id: string;
  to_email: string;
  from_email: string;
  subject: string;
  html_body: string | null;
  text_body: string | null;
  links: EmailLink[];
  headers: Record<string, string> | null;
}

const REMOVED_LINK = '[link removed once sent]';

/** Resend answers these with a status worth retrying; anything else will not get better. */
const retryable = (status: number | null, name: string) =>
  status === null ||
  status === 429 ||
  status >= 500 ||
  // The same key still in flight from an attempt that timed out: ask again shortly.
  name === 'concurrent_idempotent_requests';

/**
 * The email task queue's one activity: sends the next batch of queued email as one Resend batch
 * request under an idempotency key, so a retried attempt never sends twice. Once Resend has an
 * email, its stored body loses the link (the token lived in the database only until then).
 */
@Injectable()
export class EmailDeliveryService {
  private readonly logger = new Logger(EmailDeliveryService.name);
  private readonly resend: Resend | null;

  constructor(
    private readonly em: EntityManager,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.resend = config.RESEND_API_KEY
      ? new Resend(config.RESEND_API_KEY, { baseUrl: config.RESEND_BASE_URL })
      : null;
  }

  /**
   * `resumeBatchId` is the batch a failed attempt of this activity had claimed (from its
   * heartbeat); `claimed` is told the batch id before anything is sent.
   */
  async deliverBatch(
    resumeBatchId: string | undefined,
    claimed: (batchId: string) => void,
  ): Promise<{ claimed: number }> {
    if (!this.resend) return { claimed: 0 };
    const resend = this.resend;
    const resumed = resumeBatchId ? await this.batchEmails(resumeBatchId, true) : [];
    const held = resumed.length ? resumed : ((await this.abandonedBatch()) ?? []);
    if (!held.length) await this.dropDeadEmails();
    // Claimed when its request may start: email queued until then (one invitation behind a
    // campaign's backlog) makes this request, not one after batches claimed while they wait.
    const request = await sendInTurn(
      this.em,
      this.config.RESEND_REQUESTS_PER_SECOND,
      async (sql) => {
        const batch = held.length ? held : await this.claim(sql);
        return batch.length ? batch : null;
      },
      (batch) => {
        claimed(batch[0].batch_id);
        return resend.batch.send(batch.map(toResendEmail), {
          idempotencyKey: `email-batch/${batch[0].batch_id}`,
          batchValidation: 'permissive',
        });
      },
    );
    if (!request) return { claimed: 0 };
    const { claimed: batch, answer } = request;
    const { data, error } = answer;
    if (error) {
      if (retryable(error.statusCode, error.name)) {
        const rateLimited = error.name === 'rate_limit_exceeded';
        // Over the per-second limit: the whole deployment pauses, and this batch retries after.
        if (rateLimited) await holdSendsFor(this.em, 1);
        throw ApplicationFailure.create({
          message: `Resend: ${error.message}`,
          type: error.name,
          nextRetryDelay: rateLimited ? '1 second' : undefined,
        });
      }
      this.logger.error(`Resend refused a batch of ${batch.length}: ${error.message}`);
      await this.markFailed(batch, `Resend refused it: ${error.message}`);
      return { claimed: batch.length };
    }
    const failedAt = new Map(
      ('errors' in data ? (data.errors ?? []) : []).map((e) => [e.index, e.message]),
    );
    const ids = data.data.map((d) => d.id);
    const sent = batch.filter((_, i) => !failedAt.has(i));
    await this.markSent(sent.map((m, i) => ({ m, providerId: ids[i] })));
    await this.markFailed(
      batch.filter((_, i) => failedAt.has(i)),
      (m) => `Resend refused it: ${failedAt.get(batch.indexOf(m))}`,
    );
    return { claimed: batch.length };
  }

  /**
   * A batch claimed by an attempt that died before its heartbeat was recorded: after a while
   * it is taken over and resent as it was, under the same key (Resend answers from its cache
   * if the first request got through).
   */
  private async abandonedBatch(): Promise<ClaimedEmail[] | null> {
    // One statement: the update's row locks make a second taker skip this batch.
    const [open] = await this.em.getConnection().execute<{ batch_id: string }[]>(
      `update email_message set updated_at = now()
       where status = 'sending' and batch_id = (
         select batch_id from email_message where status = 'sending'
           and updated_at < now() - interval '5 minutes'
         order by created_at limit 1 for update skip locked)
       returning batch_id`,
    );
    return open ? this.batchEmails(open.batch_id) : null;
  }

  /**
   * Drops queued emails whose links would not work or that must not go: those of invitations
   * that ended meanwhile, or were deleted with their contact; a file request's emails to its
   * recipients once it has ended or is gone; campaign emails of a cancelled campaign or to a
   * contact who unsubscribed meanwhile (test sends to staff have no contact).
   */
  private async dropDeadEmails(): Promise<void> {
    const conn = this.em.getConnection();
    await conn.execute(
      `update email_message m set status = 'cancelled', updated_at = now()
       where m.status = 'queued' and (
         (m.kind in ('invitation','reminder') and (m.invitation_id is null
           or exists (select 1 from invitation i
             where i.id = m.invitation_id and i.status <> 'pending')))
         or (m.kind in ('file_request','file_request_reminder') and (m.file_request_id is null
           or exists (select 1 from file_request r where r.id = m.file_request_id
             and (r.status in ('completed','cancelled')
               or (m.kind = 'file_request_reminder' and r.status <> 'open')))))
         or (m.kind = 'campaign' and m.contact_id is not null and (m.campaign_id is null
           or exists (select 1 from campaign k where k.id = m.campaign_id and k.status = 'cancelled')
           or exists (select 1 from contact ct
             where ct.id = m.contact_id and ct.unsubscribed_at is not null))))`,
    );
  }

  /** Claims queued emails, transactional ones first (one invitation overtakes a campaign). */
  private async claim(sql: SqlRunner): Promise<ClaimedEmail[]> {
    const batchId = randomUUID();
    await sql(
      `with picked as (
         select id from email_message where status = 'queued'
         order by bulk, created_at, id limit ? for update skip locked)
       update email_message m set status = 'sending', batch_id = ?, updated_at = now()
       from picked where m.id = picked.id`,
      [this.config.EMAIL_BATCH_SIZE, batchId],
    );
    return this.batchEmails(batchId, false, sql);
  }

  /**
   * In a fixed order: a resent batch must be the same request for its idempotency key.
   * `touch` renews the claim, so a batch being retried is not taken for abandoned.
   */
  private async batchEmails(
    batchId: string,
    touch = false,
    sql = sqlRunner(this.em),
  ): Promise<ClaimedEmail[]> {
    if (touch) {
      await sql(
        `update email_message set updated_at = now() where batch_id = ? and status = 'sending'`,
        [batchId],
      );
    }
    return sql<ClaimedEmail[]>(
      `select * from email_message where batch_id = ? and status = 'sending' order by created_at, id`,
      [batchId],
    );
  }

  private async markSent(sent: { m: ClaimedEmail; providerId: string }[]): Promise<void> {
    if (!sent.length) return;
    const rows = sent.map(({ m, providerId }) => ({
      id: m.id,
      provider_id: providerId,
      text_body: withoutLinks(m),
    }));
    await this.em.getConnection().execute(
      // A delivery event may already have moved the status on: keep it, record the rest.
      `update email_message m set status = case when m.status = 'sending' then 'sent' else m.status end,
         provider_id = x.provider_id, sent_at = coalesce(m.sent_at, now()),
         html_body = null, text_body = x.text_body, links = '[]', headers = null, updated_at = now()
       from jsonb_to_recordset(?::jsonb) as x(id uuid, provider_id text, text_body text)
       where m.id = x.id and m.status not in ('failed', 'cancelled')`,
      [JSON.stringify(rows)],
    );
  }

  private async markFailed(
    failed: ClaimedEmail[],
    reason: string | ((m: ClaimedEmail) => string),
  ): Promise<void> {
    for (const m of failed) {
      const message = typeof reason === 'string' ? reason : reason(m);
      await this.em.getConnection().execute(
        `with failed as (
           update email_message set status = 'failed', error = ?, html_body = null, text_body = ?,
             links = '[]', updated_at = now() where id = ? returning invitation_id, contact_id)
         insert into invitation_event (invitation_id, contact_id, kind, detail)
         select invitation_id, contact_id, 'send_failed', ? from failed
         where invitation_id is not null and contact_id is not null`,
        [message, withoutLinks(m), m.id, message],
      );
    }
  }
}

const toResendEmail = (m: ClaimedEmail): CreateBatchOptions[number] => ({
  from: m.from_email,
  to: [m.to_email],
  subject: m.subject,
  html: m.html_body ?? '',
  text: m.text_body ?? '',
  tags: [{ name: 'message_id', value: m.id }],
  ...(m.headers ? { headers: m.headers } : {}),
});

function withoutLinks(m: ClaimedEmail): string | null {
  let text = m.text_body;
  for (const link of m.links) text = text?.replaceAll(link.url, REMOVED_LINK) ?? null;
  return text;
}
