import request, { type Agent } from 'supertest';
import { startResendStandIn, type ResendStandIn } from '../../scripts/lib/resend-stand-in';
import { eventually } from '../utils/invitations';
import { startTestApp, type TestApp } from '../utils/test-app';

const linkIn = (html: string | undefined) =>
  /href="([^"]+\/portal\/set-password\?token=[^"]+)"/.exec(html ?? '')![1].replaceAll('&amp;', '&');

/**
 * Staff invitations and password reset links leave through the email dispatcher and the real
 * Resend SDK (against a local stand-in), as transactional email, and the links in them work.
 */
describe('account links delivered through Resend', () => {
  let resend: ResendStandIn;
  let t: TestApp;
  let admin: Agent;

  beforeAll(async () => {
    resend = await startResendStandIn({ requestsPerSecond: 2 });
    t = await startTestApp({ RESEND_API_KEY: resend.apiKey, RESEND_BASE_URL: resend.url });
    await t.startWorker();
    admin = await t.signIn();
    await admin.put('/api/settings').send({ firmName: 'Lovelace & Co CPAs' }).expect(200);
  });
  afterAll(async () => {
    await t.close();
    await resend.close();
  });

  const emailTo = (address: string, subject: RegExp) =>
    eventually(`an email to ${address}`, async () =>
      resend.emails.find((e) => e.to.includes(address) && subject.test(e.subject)),
    );

  it('emails a staff invitation, then a password reset; each link sets the password', async () => {
    const email = 'nia@clienthub.test';
    await admin.post('/api/staff').send({ email, firstName: 'Nia', lastName: 'New' }).expect(201);
    const invitation = await emailTo(email, /^You are invited to Lovelace & Co CPAs/);
    expect(invitation.text).toContain('Hello Nia');
    const invited = new URL(linkIn(invitation.html));
    expect(invited.searchParams.get('staff')).toBe('1');
    await request(t.url)
      .post('/api/auth/account-links/use')
      .send({ token: invited.searchParams.get('token'), password: 'nia chosen password' })
      .expect(200);

    await request(t.url).post('/api/auth/password-reset').send({ email }).expect(202);
    const reset = await emailTo(email, /^Reset your Lovelace & Co CPAs password/);
    const token = new URL(linkIn(reset.html)).searchParams.get('token');
    await request(t.url)
      .post('/api/auth/account-links/use')
      .send({ token, password: 'nia second password' })
      .expect(200);
    await t.signIn(email, 'nia second password');

    // Sent as transactional mail; once sent, no copy of a link is kept.
    const stored = await t.query<{
      kind: string;
      bulk: boolean;
      status: string;
      links: unknown[];
      html_body: string | null;
      text_body: string;
    }>(
      `select kind, bulk, status, links, html_body, text_body from email_message
       where to_email = $1 order by created_at`,
      [email],
    );
    expect(stored.map((m) => [m.kind, m.bulk])).toEqual([
      ['staff_invitation', false],
      ['password_reset', false],
    ]);
    for (const m of stored) {
      expect(m.status).not.toMatch(/queued|recorded/);
      expect(m.links).toEqual([]);
      expect(m.html_body).toBeNull();
      expect(m.text_body).not.toContain(token!);
      expect(m.text_body).not.toContain(invited.searchParams.get('token')!);
    }
  });
});
