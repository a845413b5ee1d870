import request, { type Agent } from 'supertest';
import { startResendStandIn, type ResendStandIn } from '../../scripts/lib/resend-stand-in';
import { TemporalService } from '../../server/temporal/temporal.service';
import {
  WEBHOOK_SECRET,
  clientWithContact,
  invitedContact,
  eventually,
  signedWebhook,
  tokenOf,
} from '../utils/invitations';
import { startTestApp, type TestApp } from '../utils/test-app';

const SENDER = 'invitations@clienthub.test';
const acceptLink = (html: string | undefined) =>
  /href="([^"]+\/portal\/accept\?token=[^"]+)"/.exec(html ?? '')![1];

/**
 * Invitations through the real Resend SDK against a local stand-in of Resend's API, with
 * second-scale cadence: 2 s between reminders, 2 reminders, expiry after 7 s.
 */
describe('invitation delivery through Resend', () => {
  let resend: ResendStandIn;
  let t: TestApp;
  let admin: Agent;

  beforeAll(async () => {
    resend = await startResendStandIn({ requestsPerSecond: 2 });
    t = await startTestApp({
      RESEND_API_KEY: resend.apiKey,
      RESEND_BASE_URL: resend.url,
      RESEND_WEBHOOK_SECRET: WEBHOOK_SECRET,
    });
    await t.startWorker();
    admin = await t.signIn();
    await admin
      .put('/api/settings')
      .send({
        firmName: 'Lovelace & Co CPAs',
        reminderIntervalSeconds: 2,
        maxReminders: 2,
        invitationExpirySeconds: 7,
      })
      .expect(200);
  });
  afterAll(async () => {
    await t.close();
    await resend.close();
  });

  const emailsTo = (address: string) => resend.emails.filter((e) => e.to.includes(address));

  it('sends the invitation in one idempotent batch, reminds twice, then expires', async () => {
    const people = await Promise.all(
      ['ann', 'ben', 'cat'].map((name) =>
        clientWithContact(admin, {
          firstName: name,
          lastName: 'Smith',
          email: `${name}@example.com`,
        }),
      ),
    );
    const started = Date.now();
    await admin
      .post('/api/invitations')
      .send({ contactIds: people.map((p) => p.contactId), senderEmail: SENDER })
      .expect(202);

    await eventually('3 invitations at Resend', async () => resend.emails.length >= 3);
    const first = resend.requests.find((r) => r.status === 200)!;
    expect(first).toMatchObject({ path: '/emails/batch', emails: 3 });
    expect(first.idempotencyKey).toMatch(/^email-batch\/[0-9a-f-]{36}$/);
    const ann = emailsTo('ann@example.com')[0];
    expect(ann).toMatchObject({
      from: `"Lovelace & Co CPAs" <${SENDER}>`,
      subject: 'Lovelace & Co CPAs invites you to your secure client portal',
    });
    expect(ann.text).toContain(acceptLink(ann.html));
    expect(ann.tags).toEqual([{ name: 'message_id', value: expect.any(String) }]);

    // Sent: the stored copy keeps no working link.
    const stored = await eventually('marked sent', async () => {
      const [row] = await t.query<{ status: string; html_body: string | null; text_body: string }>(
        `select status, html_body, text_body from email_message where to_email = 'ann@example.com'`,
      );
      return row.status === 'sent' && row;
    });
    expect(stored.html_body).toBeNull();
    expect(stored.text_body).not.toContain('token=');

    // Each contact's reminders are their own sends: wait for both, not one as a stand-in.
    await eventually(
      '2 reminders each',
      async () =>
        emailsTo('cat@example.com').length === 3 && emailsTo('ann@example.com').length === 3,
    );
    expect(emailsTo('ann@example.com').map((e) => e.subject)).toEqual([
      expect.stringContaining('invites you'),
      expect.stringMatching(/^Reminder/),
      expect.stringMatching(/^Reminder/),
    ]);

    const contact = people[0].contactId;
    await eventually(
      'expiry',
      async () => (await admin.get(`/api/contacts/${contact}`)).body.portalStatus === 'expired',
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(6000);
    const token = tokenOf(acceptLink(emailsTo('ann@example.com')[2].html));
    const expired = await request(t.url)
      .get(`/api/portal/invitations/preview?token=${token}`)
      .expect(410);
    expect(expired.body.code).toBe('INVITATION_EXPIRED');
    expect(emailsTo('ann@example.com')).toHaveLength(3);
    const kinds = (await admin.get(`/api/contacts/${contact}/timeline`)).body.map(
      (e: { kind: string }) => e.kind,
    );
    expect(kinds).toEqual(['expired', 'reminder_sent', 'reminder_sent', 'invited']);
    // Never above Resend's 2 requests a second.
    expect(resend.requests.filter((r) => r.status === 429)).toEqual([]);
  });

  it('never sends twice when Resend accepted a batch but its answer was lost', async () => {
    // From here on no reminder falls due during a test.
    await admin.put('/api/settings').send({ reminderIntervalSeconds: 3600 }).expect(200);
    const dan = await clientWithContact(admin, {
      firstName: 'Dan',
      lastName: 'Lost',
      email: 'dan@example.com',
    });
    resend.loseNextAnswers(1);
    await admin
      .post('/api/invitations')
      .send({ contactIds: [dan.contactId], senderEmail: SENDER })
      .expect(202);
    await eventually('sent after the retry', async () => {
      const [row] = await t.query<{ status: string }>(
        `select status from email_message where contact_id = $1`,
        [dan.contactId],
      );
      return row?.status === 'sent';
    });
    // The retry sent the same request under the same key; Resend answered it from its cache.
    const lost = resend.requests.find((r) => r.status === 500)!;
    const sameKey = resend.requests.filter((r) => r.idempotencyKey === lost.idempotencyKey);
    expect(sameKey.map((r) => r.status)).toEqual([500, 200]);
    expect(emailsTo('dan@example.com')).toHaveLength(1);
  });

  it('applies signed delivery webhooks once; a hard bounce suppresses and stops reminders', async () => {
    const eve = await invitedContact(
      admin,
      { firstName: 'Eve', lastName: 'Bounce', email: 'eve@example.com' },
      SENDER,
    );
    const [message] = await eventually('provider id', async () => {
      const rows = await t.query<{ provider_id: string | null }>(
        `select provider_id from email_message where contact_id = $1`,
        [eve.contactId],
      );
      return rows[0]?.provider_id ? rows : undefined;
    });
    const handle = t.app
      .get(TemporalService)
      .client.workflow.getHandle(`portal-invitation-${eve.contactId}`);
    // Its workflow starts once the email is out; the events come later in real life too.
    await eventually('the invitation workflow', () => handle.describe());
    const event = (type: string, extra: object = {}) => ({
      type,
      created_at: new Date().toISOString(),
      data: { email_id: message.provider_id, to: ['eve@example.com'], ...extra },
    });

    // Unsigned and badly signed deliveries change nothing.
    const delivered = signedWebhook(event('email.delivered'));
    await request(t.url)
      .post('/api/webhooks/resend')
      .set('content-type', 'application/json')
      .send(delivered.body)
      .expect(401);
    const forged = signedWebhook(
      event('email.bounced'),
      `whsec_${Buffer.from('wrong').toString('base64')}`,
    );
    const rejected = await request(t.url)
      .post('/api/webhooks/resend')
      .set(forged.headers)
      .send(forged.body)
      .expect(401);
    expect(rejected.body.code).toBe('WEBHOOK_SIGNATURE_INVALID');
    expect((await admin.get(`/api/contacts/${eve.contactId}`)).body.portalStatus).toBe('invited');

    const ok = await request(t.url)
      .post('/api/webhooks/resend')
      .set(delivered.headers)
      .send(delivered.body)
      .expect(200);
    expect(ok.body.outcome).toBe('applied');
    const replay = await request(t.url)
      .post('/api/webhooks/resend')
      .set(delivered.headers)
      .send(delivered.body)
      .expect(200);
    expect(replay.body.outcome).toBe('duplicate');

    const bounce = signedWebhook(
      event('email.bounced', {
        bounce: { type: 'Permanent', subType: 'General', message: 'Mailbox does not exist' },
      }),
    );
    await request(t.url)
      .post('/api/webhooks/resend')
      .set(bounce.headers)
      .send(bounce.body)
      .expect(200);

    const contact = (await admin.get(`/api/contacts/${eve.contactId}`)).body;
    expect(contact).toMatchObject({ portalStatus: 'bounced', invitation: { status: 'bounced' } });
    expect(await t.query(`select reason from email_suppression`)).toEqual([{ reason: 'bounced' }]);
    const timeline = (await admin.get(`/api/contacts/${eve.contactId}/timeline`)).body;
    expect(timeline.map((e: { kind: string }) => e.kind)).toEqual([
      'bounced',
      'delivered',
      'invited',
    ]);

    expect(await handle.result()).toBe('bounced');
    // No reminder after the bounce, and the address is not invited again.
    await new Promise((r) => setTimeout(r, 2500));
    expect(emailsTo('eve@example.com')).toHaveLength(1);
    const again = await admin
      .post('/api/invitations')
      .send({ contactIds: [eve.contactId], senderEmail: SENDER })
      .expect(202);
    expect(again.body).toMatchObject({ invited: 0, skipped: [{ reason: 'suppressed' }] });
  });

  it('matches an early event to its email by the message_id tag it was sent with', async () => {
    await invitedContact(
      admin,
      { firstName: 'Gus', lastName: 'Early', email: 'gus@example.com' },
      SENDER,
    );
    const sent = await eventually('at Resend', async () => emailsTo('gus@example.com')[0]);
    const messageId = sent.tags!.find((tag) => tag.name === 'message_id')!.value;
    const early = signedWebhook({
      type: 'email.delivered',
      data: {
        email_id: 'not-recorded-yet',
        to: ['gus@example.com'],
        tags: { message_id: messageId },
      },
    });
    const res = await request(t.url)
      .post('/api/webhooks/resend')
      .set(early.headers)
      .send(early.body)
      .expect(200);
    expect(res.body.outcome).toBe('applied');
    const [row] = await t.query<{ status: string }>(
      `select status from email_message where id = $1`,
      [messageId],
    );
    expect(row.status).toBe('delivered');
  });

  it('the bell sends one reminder now, then refuses until the cooldown has passed', async () => {
    const fay = await invitedContact(
      admin,
      { firstName: 'Fay', lastName: 'Bell', email: 'fay@example.com' },
      SENDER,
    );
    const { invitation } = (await admin.get(`/api/contacts/${fay.contactId}`)).body;
    await admin.post(`/api/invitations/${invitation.id}/remind`).expect(202);
    const soon = await admin.post(`/api/invitations/${invitation.id}/remind`).expect(429);
    expect(soon.body).toMatchObject({
      code: 'REMIND_TOO_SOON',
      details: { retryAt: expect.any(String) },
    });
    await eventually('the bell reminder', async () => emailsTo('fay@example.com').length >= 2);
    expect(emailsTo('fay@example.com')[1].subject).toMatch(/^Reminder/);
  });
});
