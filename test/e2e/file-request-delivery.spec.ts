import type { Agent } from 'supertest';
import { startResendStandIn, type ResendStandIn } from '../../scripts/lib/resend-stand-in';
import { eventually } from '../utils/invitations';
import { portalContact } from '../utils/people';
import { startTestApp, type TestApp } from '../utils/test-app';

const PDF = (text: string) => Buffer.from(`%PDF-1.4\n% ${text}\n%%EOF\n`, 'latin1');

/**
 * A file request end to end through the API, with its emails sent by the real Resend SDK to a
 * local stand-in of Resend's API: the request (with details, as the firm chose), then the
 * staff digest once every item is answered.
 */
describe('file request delivery through Resend', () => {
  let resend: ResendStandIn;
  let t: TestApp;
  let admin: Agent;

  beforeAll(async () => {
    resend = await startResendStandIn({ requestsPerSecond: 2 });
    t = await startTestApp({ RESEND_API_KEY: resend.apiKey, RESEND_BASE_URL: resend.url });
    await t.startWorker();
    admin = await t.signIn();
    await admin
      .put('/api/settings')
      .send({ firmName: 'Lovelace & Co CPAs', detailedNotifications: true })
      .expect(200);
  });
  afterAll(async () => {
    await t.close();
    await resend.close();
  });

  it('emails the recipients the request with its details, and staff the digest', async () => {
    const client = (await admin.post('/api/clients').send({ companyName: 'Acme LLC' }).expect(201))
      .body.id;
    const ann = await portalContact(t, admin, 'ann', client, 'contact_collaborator');
    const created = await admin
      .post('/api/file-requests')
      .send({
        clientId: client,
        recipientIds: [ann.id],
        subject: 'Year-end payroll',
        description: 'Payroll reports for Q4.',
        message: 'Call us with any question <b>anytime</b>.',
        dueAt: new Date(Date.now() + 5 * 86_400_000).toISOString(),
        items: [{ title: 'Form 941 Q4' }, { title: 'Form W-3' }],
      })
      .expect(201);
    const id = created.body.id as string;

    const [request] = await eventually('request email at Resend', async () => {
      const found = resend.emails.filter((e) => e.to.includes(ann.email));
      return found.length ? found : undefined;
    });
    expect(request.from).toMatch(/^"Lovelace & Co CPAs" </);
    expect(request.subject).toBe('Lovelace & Co CPAs requests "Year-end payroll"');
    expect(request.text).toContain('Payroll reports for Q4.');
    expect(request.text).toContain('Form W-3');
    expect(request.html).toContain(`${t.url}/portal/requests/${id}`);
    // The staff's words are text in the email, never markup.
    expect(request.html).toContain('&lt;b&gt;anytime&lt;/b&gt;');

    for (const item of created.body.items as { id: string; title: string }[]) {
      await ann.agent
        .post(`/api/portal/file-requests/${id}/items/${item.id}/upload`)
        .attach('file', PDF(item.title), `${item.title}.pdf`)
        .expect(201);
    }
    const digest = await eventually('digest at Resend', async () =>
      resend.emails.find((e) => e.to.includes('admin@clienthub.test')),
    );
    expect(digest.subject).toBe('Ready to review: Acme LLC, "Year-end payroll"');
    expect(digest.text).toContain('Form 941 Q4: uploaded');
    await eventually('both marked sent', async () => {
      const rows = await t.query<{ status: string }>(
        'select status from email_message where file_request_id = $1',
        [id],
      );
      return rows.length === 2 && rows.every((r) => r.status === 'sent');
    });
    expect(resend.requests.filter((r) => r.status === 429)).toEqual([]);
  });
});
