import { EntityManager } from '@mikro-orm/postgresql';
import { sqlRunner } from '../../server/database/sql-runner';
import { cancelDeadEmails } from '../../server/modules/email/email-delivery.repository';
import { EmailDeliveryService } from '../../server/modules/email/email-delivery.service';
import { useAppSendingTo } from '../utils/invitations';

const BATCH = 10;
/** Invitation emails whose invitation is gone, ahead of everything else in the queue. */
const DEAD = 35;

/**
 * Before each batch the dispatcher cancels the emails that must not go, among those the claim
 * takes next only: a campaign's backlog is not read whole for every batch, and none of what a
 * batch sends is left unchecked.
 */
describe('emails that must not go, checked at the head of the queue', () => {
  const fixture = useAppSendingTo({ perSecond: 20, batch: BATCH, answerDelayMs: 300, workers: 0 });

  const queue = (kind: string, to: string, n: number) =>
    fixture.t.query(
      `insert into email_message (id, kind, idempotency_key, to_email, from_email, subject,
         text_body, bulk, status, created_at)
       select gen_random_uuid(), $1, $2 || g, $2 || g || '@example.com', 'firm@clienthub.test',
         'Hello', 'Hello', false, 'queued', now() + g * interval '1 ms'
       from generate_series(1, $3) g`,
      [kind, to, n],
    );
  const statuses = async () =>
    Object.fromEntries(
      (
        await fixture.t.query<{ key: string; n: number }>(
          `select kind || ' ' || status as key, count(*)::int as n from email_message group by 1`,
        )
      ).map((r) => [r.key, r.n]),
    );

  it('cancels only among the next batch, and sends none of them', async () => {
    const { t, resend } = fixture;
    await queue('invitation', 'gone', DEAD);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await queue('password_reset', 'staff', 3);

    expect(await cancelDeadEmails(sqlRunner(t.app.get(EntityManager)), BATCH)).toBe(BATCH);
    expect(await statuses()).toEqual({
      'invitation cancelled': BATCH,
      'invitation queued': DEAD - BATCH,
      'password_reset queued': 3,
    });

    const delivery = new EmailDeliveryService(t.app.get(EntityManager), t.config);
    while ((await delivery.deliverBatch(undefined, () => undefined)).claimed > 0);

    expect(resend.emails.flatMap((e) => e.to).sort()).toEqual([
      'staff1@example.com',
      'staff2@example.com',
      'staff3@example.com',
    ]);
    expect(await statuses()).toEqual({
      'invitation cancelled': DEAD,
      'password_reset sent': 3,
    });
  });
  it('checks what each lane claims when several claim at once', async () => {
    const { t, resend } = fixture;
    const before = resend.emails.length;
    // Dead and live emails in turn, more than the four lanes take in a round. Resend answers in
    // 300 ms, so each lane claims while the others' requests are still out.
    await t.query(
      `insert into email_message (id, kind, idempotency_key, to_email, from_email, subject,
         text_body, bulk, status, created_at)
       select gen_random_uuid(), case when g % 2 = 0 then 'invitation' else 'password_reset' end,
         'lane' || g, 'lane' || g || '@example.com', 'firm@clienthub.test', 'Hello', 'Hello',
         false, 'queued', now() + g * interval '1 ms'
       from generate_series(1, 80) g`,
    );
    const delivery = new EmailDeliveryService(t.app.get(EntityManager), t.config);
    const lane = async () => {
      while ((await delivery.deliverBatch(undefined, () => undefined)).claimed > 0);
    };
    await Promise.all([lane(), lane(), lane(), lane()]);

    const sent = resend.emails.slice(before).flatMap((e) => e.to);
    expect(sent).toHaveLength(40);
    expect(sent.every((to) => Number(/lane(\d+)@/.exec(to)![1]) % 2 === 1)).toBe(true);
    const [{ n }] = await t.query<{ n: number }>(
      `select count(*)::int as n from email_message where idempotency_key like 'lane%' and status = 'cancelled'`,
    );
    expect(n).toBe(40);
  });
});
