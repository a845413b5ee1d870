import { randomUUID } from 'node:crypto';
import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { ApplicationFailure } from '@temporalio/activity';
import { Resend, type CreateBatchOptions } from 'resend';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/env.schema';
import { sqlRunner, type SqlRunner } from '../../database/sql-runner';
import {
  cancelDeadEmails,
  claimQueuedEmails,
  findBatchEmails,
  markEmailFailed,
  markEmailsSent,
  takeOverAbandonedBatch,
  touchBatch,
  type ClaimedEmail,
} from './email-delivery.repository';
import { holdSendsFor, sendInTurn } from './send-pace';

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
    const batchId = await takeOverAbandonedBatch(sqlRunner(this.em));
    return batchId ? this.batchEmails(batchId) : null;
  }

  /**
   * Claims queued emails, transactional ones first (one invitation overtakes a campaign), once
   * those it takes are all alive: the ones that must no longer go are cancelled in the claim's
   * own turn, so the rows checked are the rows claimed, whichever lane claims.
   */
  private async claim(sql: SqlRunner): Promise<ClaimedEmail[]> {
    while ((await cancelDeadEmails(sql, this.config.EMAIL_BATCH_SIZE)) > 0);
    const batchId = randomUUID();
    await claimQueuedEmails(sql, this.config.EMAIL_BATCH_SIZE, batchId);
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
    if (touch) await touchBatch(sql, batchId);
    return findBatchEmails(sql, batchId);
  }

  private async markSent(sent: { m: ClaimedEmail; providerId: string }[]): Promise<void> {
    if (!sent.length) return;
    const rows = sent.map(({ m, providerId }) => ({
      id: m.id,
      provider_id: providerId,
      text_body: withoutLinks(m),
    }));
    await markEmailsSent(sqlRunner(this.em), rows);
  }

  private async markFailed(
    failed: ClaimedEmail[],
    reason: string | ((m: ClaimedEmail) => string),
  ): Promise<void> {
    for (const m of failed) {
      const message = typeof reason === 'string' ? reason : reason(m);
      await markEmailFailed(sqlRunner(this.em), m.id, message, withoutLinks(m));
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
