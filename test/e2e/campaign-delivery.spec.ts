import request, { type Agent } from 'supertest';
import { startResendStandIn, type ResendStandIn } from '../../scripts/lib/resend-stand-in';
import { WEBHOOK_SECRET, clientWithContact, eventually, signedWebhook } from '../utils/invitations';
import { startTestApp, type TestApp } from '../utils/test-app';

const SENDER = 'news@clienthub.test';

/**
 * Campaigns end to end through the real Resend SDK and a local stand-in of Resend's API: the
 * List-Unsubscribe headers arrive, delivery webhooks show in the campaign's counts, a one-click
 * unsubscribe from the header works, and cancelling mid-way stops what is still queued. One
 * email per Resend request, so a campaign of ten takes seconds.
 */
describe('campaign delivery through Resend', () => {
  let resend: ResendStandIn;
  let t: TestApp;
  let admin: Agent;

  beforeAll(async () => {
    resend = await startResendStandIn({ requestsPerSecond: 2 });
    t = await startTestApp({
      RESEND_API_KEY: resend.apiKey,
      RESEND_BASE_URL: resend.url,
      RESEND_WEBHOOK_SECRET: WEBHOOK_SECRET,
      EMAIL_BATCH_SIZE: '1',
    });
    await t.startWorker();
    admin = await t.signIn();
    await admin.put('/api/settings').send({ firmName: 'Lovelace & Co CPAs' }).expect(200);
  });
  afterAll(async () => {
    await t.close();
    await resend.close();
  });

  /** A tag on `count` new clients with contacts, a segment of it, and a draft campaign to it. */
  async function campaignTo(name: string, count: number) {
    const tag = (await admin.post('/api/tags').send({ name, color: '#1565c0' }).expect(201)).body
      .id;
    const people = [];
    for (let i = 1; i <= count; i++) {
      people.push(
        await clientWithContact(admin, {
          firstName: `${name}${i}`,
          lastName: 'Smith',
          email: `${name}${i}@example.com`,
        }),
      );
    }
    await admin
      .post('/api/clients/bulk/tags')
      .send({ ids: people.map((p) => p.clientId), add: [tag] })
      .expect(200);
    const segmentId = (
      await admin
        .post('/api/segments')
        .send({ name: `Tagged ${name}`, filter: { tagIds: [tag] } })
        .expect(201)
    ).body.id;
    const campaign = await admin
      .post('/api/campaigns')
      .send({
        name: `To ${name}`,
        subject: 'News for {{firstName}}',
        body: 'Hello {{firstName}},\n\nOur office moves next month.',
        senderEmail: SENDER,
        segmentId,
      })
      .expect(201);
    return {
      id: campaign.body.id as string,
      emails: people.map((_, i) => `${name}${i + 1}@example.com`),
    };
  }
  const campaign = async (id: string) => (await admin.get(`/api/campaigns/${id}`).expect(200)).body;
  const webhook = async (type: string, emailId: string, extra: object = {}) => {
    const event = signedWebhook({
      type,
      created_at: new Date().toISOString(),
      data: { email_id: emailId, ...extra },
    });
    await request(t.url)
      .post('/api/webhooks/resend')
      .set(event.headers)
      .send(event.body)
      .expect(200);
  };

  it('sends with List-Unsubscribe headers; webhooks and a one-click unsubscribe show in its counts', async () => {
    const { id, emails } = await campaignTo('ann', 3);
    await admin.post(`/api/campaigns/${id}/send`).send({}).expect(202);
    const sent = await eventually('3 emails at Resend', async () => {
      const found = resend.emails.filter((e) => emails.includes(e.to[0]));
      return found.length === 3 && found;
    });
    const [first, second, third] = emails.map((address) => sent.find((e) => e.to[0] === address)!);
    expect(first).toMatchObject({
      from: `"Lovelace & Co CPAs" <${SENDER}>`,
      subject: 'News for ann1',
    });
    const oneClick = /^<(.+)>$/.exec(first.headers!['List-Unsubscribe'])![1];
    expect(oneClick).toMatch(new RegExp(`^${t.url}/api/unsubscribe/[A-Za-z0-9_-]{43}$`));
    expect(first.headers!['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    expect(first.html).toContain(oneClick.replace('/api/unsubscribe/', '/portal/unsubscribe/'));

    const done = await eventually('campaign sent', async () => {
      const c = await campaign(id);
      return c.status === 'sent' && c;
    });
    expect(done.stats).toMatchObject({ recipients: 3, sent: 3, queued: 0 });
    // Handed over: the stored copies keep no working link and no headers.
    const stored = await t.query<{ html_body: string | null; text_body: string; headers: unknown }>(
      `select html_body, text_body, headers from email_message where campaign_id = $1`,
      [id],
    );
    expect(stored.every((m) => m.html_body === null && m.headers === null)).toBe(true);
    expect(stored.some((m) => m.text_body.includes('/unsubscribe/'))).toBe(false);

    await webhook('email.delivered', first.id);
    await webhook('email.bounced', second.id, {
      bounce: { type: 'Permanent', subType: 'General', message: 'Mailbox does not exist' },
    });
    // The mail client's one-click unsubscribe, straight from the header.
    await request(oneClick).post('').type('form').send('List-Unsubscribe=One-Click').expect(200);
    expect((await campaign(id)).stats).toMatchObject({
      recipients: 3,
      delivered: 1,
      bounced: 1,
      sent: 1,
      unsubscribed: 1,
    });
    const statuses = (await admin.get(`/api/campaigns/${id}/recipients`).expect(200)).body.map(
      (r: { email: string; status: string }) => `${r.email} ${r.status}`,
    );
    expect(statuses).toEqual([
      'ann1@example.com unsubscribed',
      'ann2@example.com bounced',
      'ann3@example.com sent',
    ]);
    expect(third).toBeDefined();
    expect(resend.requests.filter((r) => r.status === 429)).toEqual([]);
  });

  it('cancelled while sending: what is still queued never reaches Resend', async () => {
    const { id, emails } = await campaignTo('bob', 10);
    await admin.post(`/api/campaigns/${id}/send`).send({}).expect(202);
    await eventually('the first email at Resend', async () =>
      resend.emails.some((e) => emails.includes(e.to[0])),
    );
    const cancelled = await admin.post(`/api/campaigns/${id}/cancel`).expect(200);
    expect(cancelled.body.status).toBe('cancelled');
    await eventually('nothing left to send', async () => {
      const [{ n }] = await t.query<{ n: number }>(
        `select count(*)::int as n from email_message
         where campaign_id = $1 and status in ('queued','sending')`,
        [id],
      );
      return n === 0;
    });
    const settled = await campaign(id);
    expect(settled.stats.queued).toBe(0);
    // A few may have been claimed already; the rest are dropped.
    const atResend = resend.emails.filter((e) => emails.includes(e.to[0])).length;
    expect(settled.stats.cancelled).toBeGreaterThanOrEqual(3);
    expect(settled.stats.sent).toBe(atResend);
    expect(atResend + settled.stats.cancelled).toBe(10);
  });
});
