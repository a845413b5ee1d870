import type { Agent } from 'supertest';
import {
  startResendStandIn,
  tightestSpanMs,
  type ResendStandIn,
} from '../../scripts/lib/resend-stand-in';
import { EmailDispatcherWaker } from '../../server/modules/email/email-dispatcher-waker.service';
import { TemporalService } from '../../server/temporal/temporal.service';
import { DISPATCH_IDLE_POLL_MS } from '../../workflows/email-dispatch/email-dispatch.contract';
import { eventually, seedContacts, twoWorkersSendingTo } from '../utils/invitations';
import type { TestApp } from '../utils/test-app';

const SENDER = 'invitations@clienthub.test';
const PER_SECOND = 2;
const BATCH = 5;

/**
 * Email under load, through the real stack and two workers against the Resend stand-in, with
 * every wake-up of the dispatcher dropped: transactional email overtakes a bulk invite's
 * backlog, queued email still leaves within seconds, and the two workers together never call
 * Resend more than its limit in any second.
 */
describe('email dispatch under load, two workers, no wake-ups', () => {
  let resend: ResendStandIn;
  let t: TestApp;
  let admin: Agent;

  beforeAll(async () => {
    // Every wake-up is lost, the one at a worker's start included.
    jest.spyOn(EmailDispatcherWaker.prototype, 'wake').mockImplementation(() => undefined);
    resend = await startResendStandIn({ requestsPerSecond: PER_SECOND });
    t = await twoWorkersSendingTo(resend, PER_SECOND, BATCH);
    admin = await t.signIn();
  });
  afterAll(async () => {
    await t.close();
    await resend.close();
    jest.restoreAllMocks();
  });

  const invite = async (contactIds: string[]) =>
    (await admin.post('/api/invitations').send({ contactIds, senderEmail: SENDER }).expect(202))
      .body as { batchId: string; workflowId: string };

  it('sends a single invitation ahead of a bulk invite, at Temporal priority 1 against 5 (the bulk invite itself at 3)', async () => {
    const bulk = await seedContacts(t, 'bulk', 60);
    const [single] = await seedContacts(t, 'single', 1);
    const batch = await invite(bulk);
    // Until the bulk emails are queued, there is nothing for the single one to overtake.
    await eventually('the bulk emails queued', async () => {
      const [{ n }] = await t.query<{ n: number }>(
        `select count(*)::int as n from email_message where to_email like 'bulk%'`,
      );
      return n === 60;
    });
    const queuedAt = Date.now();
    await invite([single]);

    const all = await eventually(
      'every email at Resend',
      async () => resend.emails.length >= 61 && resend.emails,
      60_000,
    );
    const position = all.findIndex((e) => e.to[0] === 'single1@example.com');
    const singleAt = all[position].receivedAt;
    // 60 bulk emails take 12 requests (over 6 s); the single one is in one of the next few.
    expect(position).toBeLessThan(4 * BATCH);
    expect(singleAt - queuedAt).toBeLessThan(DISPATCH_IDLE_POLL_MS + 4000);
    expect(all.at(-1)!.to[0]).toMatch(/^bulk/);

    const temporal = t.app.get(TemporalService).client.workflow;
    const priorityOf = async (contactId: string) => {
      const handle = temporal.getHandle(`portal-invitation-${contactId}`);
      // A bulk invite starts them once its emails are out.
      const { raw } = await eventually('its workflow', () => handle.describe(), 60_000);
      return raw.workflowExecutionInfo?.priority?.priorityKey;
    };
    expect(await priorityOf(single)).toBe(1);
    expect(await priorityOf(bulk[0])).toBe(5);
    // The bulk invite itself stays ahead of its children's backlog, so progress and Stop answer.
    const { raw } = await temporal.getHandle(batch.workflowId).describe();
    expect(raw.workflowExecutionInfo?.priority?.priorityKey).toBe(3);

    // The bell on a bulk-invited contact lifts its workflow ahead of bulk work.
    const [{ id, email }] = await t.query<{ id: string; email: string }>(
      `select i.id, ct.email from invitation i join contact ct on ct.id = i.contact_id
       where i.contact_id = $1`,
      [bulk[0]],
    );
    await admin.post(`/api/invitations/${id}/remind`).expect(202);
    expect(await priorityOf(bulk[0])).toBe(1);
    await eventually('the reminder at Resend', async () =>
      resend.emails.some((e) => e.to[0] === email && /^Reminder/.test(e.subject)),
    );
  });

  it('never calls Resend more than its limit in any second, whichever worker sends', () => {
    expect(resend.requests.length).toBeGreaterThanOrEqual(13);
    expect(resend.requests.filter((r) => r.status === 429)).toEqual([]);
    expect(tightestSpanMs(resend.requests, PER_SECOND)).toBeGreaterThanOrEqual(1000);
  });

  it('sends queued email within seconds while every wake-up is lost', async () => {
    // The dispatcher has been idle for a while: nothing but its own polling can find this.
    await new Promise((resolve) => setTimeout(resolve, 2 * DISPATCH_IDLE_POLL_MS));
    const [late] = await seedContacts(t, 'late', 1);
    const before = resend.emails.length;
    const started = Date.now();
    await invite([late]);
    await eventually('the email at Resend', async () => resend.emails.length > before, 15_000);
    expect(resend.emails.at(-1)!.to).toEqual(['late1@example.com']);
    expect(Date.now() - started).toBeLessThan(DISPATCH_IDLE_POLL_MS + 3000);
  });
});
