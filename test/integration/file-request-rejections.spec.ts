import type { Agent } from 'supertest';
import { eventually } from '../utils/invitations';
import { portalContact } from '../utils/people';
import { startTestApp, type TestApp } from '../utils/test-app';

const PDF = (text: string) => Buffer.from(`%PDF-1.4\n% ${text}\n%%EOF\n`, 'latin1');

interface Email {
  to_email: string;
  subject: string;
  text_body: string;
  links: { url: string }[];
  bulk: boolean;
}

/**
 * Rejections reach the client at once: staff's rejections of one review go out as one email
 * (the request's workflow waits for 3 quiet seconds here), and the portal shows each reason.
 */
describe('file request rejections', () => {
  let t: TestApp;
  let admin: Agent;
  let clientId: string;
  let ann: { id: string; email: string; agent: Agent };

  const rejectionEmails = (requestId: string) =>
    t.query<Email>(
      `select to_email, subject, text_body, links, bulk from email_message
       where file_request_id = $1 and idempotency_key like '%/rejected/%' order by created_at`,
      [requestId],
    );
  const settle = () => new Promise((resolve) => setTimeout(resolve, 4500));

  /** A request of `titles`, every item uploaded by Ann. */
  async function answered(subject: string, titles: string[]) {
    const { body } = await admin
      .post('/api/file-requests')
      .send({
        clientId,
        recipientIds: [ann.id],
        subject,
        items: titles.map((title) => ({ title })),
      })
      .expect(201);
    for (const item of body.items as { id: string; title: string }[]) {
      await ann.agent
        .post(`/api/portal/file-requests/${body.id}/items/${item.id}/upload`)
        .attach('file', PDF(item.title), `${item.title}.pdf`)
        .expect(201);
    }
    return { id: body.id as string, items: body.items as { id: string; title: string }[] };
  }
  const reject = (requestId: string, itemId: string, reason: string) =>
    admin
      .post(`/api/file-requests/${requestId}/items/${itemId}/reject`)
      .send({ reason })
      .expect(201);

  beforeAll(async () => {
    t = await startTestApp({ FILE_REQUEST_REJECTION_QUIET_SECONDS: '3' });
    await t.startWorker();
    admin = await t.signIn();
    await admin
      .put('/api/settings')
      .send({ firmName: 'Harbor CPAs', detailedNotifications: true })
      .expect(200);
    clientId = (await admin.post('/api/clients').send({ companyName: 'Harbor LLC' }).expect(201))
      .body.id;
    ann = await portalContact(t, admin, 'ann', clientId, 'contact_access');
  });
  afterAll(() => t.close());

  it('emails two rejections of one review in one email, with their reasons, and the portal shows each reason', async () => {
    const { id, items } = await answered('2025 taxes', ['W-2', 'Bank statement', '1099']);
    await reject(id, items[0].id, 'The scan is blurry');
    await reject(id, items[1].id, 'Page 2 is missing');

    const [email, ...more] = await eventually('the rejection email', async () => {
      const rows = await rejectionEmails(id);
      return rows.length ? rows : undefined;
    });
    await settle();
    expect(more).toEqual([]);
    expect(await rejectionEmails(id)).toHaveLength(1);
    expect(email).toMatchObject({
      to_email: ann.email,
      subject: 'Harbor CPAs needs 2 documents again: "2025 taxes"',
      bulk: false,
    });
    expect(email.text_body).toContain('W-2: The scan is blurry');
    expect(email.text_body).toContain('Bank statement: Page 2 is missing');
    expect(email.text_body).not.toContain('1099');
    expect(email.links).toEqual([
      { label: 'Open the request', url: `${t.url}/portal/requests/${id}` },
    ]);

    const seen = (await ann.agent.get(`/api/portal/file-requests/${id}`).expect(200)).body;
    expect(seen.items.map((i: { rejectionReason: string | null }) => i.rejectionReason)).toEqual([
      'The scan is blurry',
      'Page 2 is missing',
      null,
    ]);
    const timeline = (await admin.get(`/api/file-requests/${id}`).expect(200)).body.events;
    expect(timeline.map((e: { kind: string }) => e.kind)).toContain('rejection_emailed');
  });

  it('a later rejection is a new email of its own; without detailed notifications it names nothing', async () => {
    const { id, items } = await answered('Payroll', ['Form 941', 'Form W-3']);
    await reject(id, items[0].id, 'Wrong quarter');
    await eventually('first email', async () => (await rejectionEmails(id)).length === 1);

    await admin.put('/api/settings').send({ detailedNotifications: false }).expect(200);
    try {
      await ann.agent
        .post(`/api/portal/file-requests/${id}/items/${items[0].id}/upload`)
        .attach('file', PDF('Q4'), 'Form 941.pdf')
        .expect(201);
      await reject(id, items[0].id, 'Still the wrong quarter');
      const emails = await eventually('second email', async () => {
        const rows = await rejectionEmails(id);
        return rows.length === 2 ? rows : undefined;
      });
      expect(emails[1].subject).toBe('Harbor CPAs needs a document again');
      expect(emails[1].text_body).toContain('The portal shows what to change');
      expect(emails[1].text_body).not.toContain('quarter');
      expect(emails[1].text_body).not.toContain('Form 941');
    } finally {
      await admin.put('/api/settings').send({ detailedNotifications: true }).expect(200);
    }
  });

  it('sends nothing for an item answered again before the email, nor for a cancelled request', async () => {
    const { id, items } = await answered('Receipts', ['Receipts']);
    await reject(id, items[0].id, 'Unreadable');
    // Answered again at once: by the time staff pause, nothing is rejected any more.
    await ann.agent
      .post(`/api/portal/file-requests/${id}/items/${items[0].id}/upload`)
      .attach('file', PDF('clear'), 'Receipts.pdf')
      .expect(201);
    const cancelled = await answered('Statements', ['Statement']);
    await reject(cancelled.id, cancelled.items[0].id, 'Wrong bank');
    await admin.post(`/api/file-requests/${cancelled.id}/cancel`).send({}).expect(201);
    await settle();
    expect(await rejectionEmails(id)).toEqual([]);
    expect(await rejectionEmails(cancelled.id)).toEqual([]);
  });
});
