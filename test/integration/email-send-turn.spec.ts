import { EntityManager } from '@mikro-orm/postgresql';
import { tightestSpanMs } from '../../scripts/lib/resend-stand-in';
import { EmailDeliveryService } from '../../server/modules/email/email-delivery.service';
import { eventually, useAppSendingTo } from '../utils/invitations';

const PER_SECOND = 2;
const BATCH = 5;
/** Much slower than the gap between two requests: senders soon all wait for the limit. */
const ANSWER_MS = 900;
/** As many as the dispatcher's lanes. */
const SENDERS = 4;
/** Transactional emails queued while the bulk ones go out, at points all over a request's cycle. */
const TRANSACTIONAL = 12;
const QUEUE_EVERY_MS = 350;

/**
 * The dispatcher's senders against the Resend stand-in, straight on the database: while a
 * campaign's backlog keeps every sender waiting for the rate limit, a transactional email
 * queued meanwhile goes out in the next request to start, not behind bulk batches claimed by
 * the senders waiting ahead of it.
 */
describe('email sent in turn at the rate limit', () => {
  const fixture = useAppSendingTo({
    perSecond: PER_SECOND,
    batch: BATCH,
    answerDelayMs: ANSWER_MS,
    workers: 0,
  });

  const queue = (kind: string, to: string, bulk: boolean, n: number) =>
    fixture.t.query(
      `insert into email_message (id, kind, idempotency_key, to_email, from_email, subject,
         text_body, bulk, status)
       select gen_random_uuid(), $1, $2 || g, $2 || g || '@example.com', 'firm@clienthub.test',
         'Hello', 'Hello', $3, 'queued'
       from generate_series(1, $4) g`,
      [kind, to, bulk, n],
    );

  it('puts each transactional email in the next request, ahead of bulk batches waiting', async () => {
    const { t, resend } = fixture;
    await queue('campaign', 'bulk', true, 60);
    const delivery = new EmailDeliveryService(t.app.get(EntityManager), t.config);
    const sender = async () => {
      while ((await delivery.deliverBatch(undefined, () => undefined)).claimed > 0);
    };
    const senders = Promise.all(Array.from({ length: SENDERS }, sender));

    // Once the schedule of slots has fallen behind the limit, two senders have a request in the
    // limit's window and the others wait for it. Emails queued at any point of that cycle:
    const queued: { to: string; before: number }[] = [];
    await eventually('four requests at Resend', async () => resend.requests.length >= 4);
    for (let i = 1; i <= TRANSACTIONAL; i++) {
      queued.push({ to: `staff${i}-1@example.com`, before: resend.requests.length });
      await queue('password_reset', `staff${i}-`, false, 1);
      await new Promise((resolve) => setTimeout(resolve, QUEUE_EVERY_MS));
    }
    await senders;

    const positions: number[] = [];
    for (const { to, before } of queued) {
      const [{ batch_id }] = await t.query<{ batch_id: string }>(
        `select batch_id from email_message where to_email = $1`,
        [to],
      );
      const key = `email-batch/${batch_id}`;
      positions.push(resend.requests.findIndex((r) => r.idempotencyKey === key) - before);
    }
    // The very next request, or the one after it if that one had started as the email was queued.
    expect(positions.filter((p) => p < 0 || p > 1)).toEqual([]);
    expect(resend.emails).toHaveLength(60 + TRANSACTIONAL);
    expect(resend.requests.filter((r) => r.status !== 200)).toEqual([]);
    expect(tightestSpanMs(resend.requests, PER_SECOND)).toBeGreaterThanOrEqual(1000);
  });
});
