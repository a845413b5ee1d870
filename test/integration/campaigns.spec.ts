import type { INestApplicationContext } from '@nestjs/common';
import request, { type Agent } from 'supertest';
import { CampaignReconciler } from '../../server/modules/campaigns/delivery/campaign-reconciler.service';
import { CampaignWorkflowsService } from '../../server/modules/campaigns/delivery/campaign-workflows.service';
import { TemporalService } from '../../server/temporal/temporal.service';
import { clientWithContact, eventually } from '../utils/invitations';
import { startTestApp, type TestApp } from '../utils/test-app';

const SENDER = 'news@clienthub.test';
const BODY = [
  'Hello {{firstName}},',
  '',
  'Your {{clientName}} file is ready at [our site](https://example.com). <script>alert(1)</script>',
  '',
  '{{firmName}}',
].join('\n');

interface CampaignEmail {
  to_email: string;
  contact_id: string | null;
  subject: string;
  html_body: string;
  text_body: string;
  links: { label: string; url: string }[];
  headers: Record<string, string> | null;
}

/**
 * Campaigns through the API with a real worker running their workflows, without Resend: every
 * email is recorded in the Outbox at once, links and headers included.
 */
describe('campaigns', () => {
  let t: TestApp;
  let admin: Agent;
  let vip: string;
  let segmentId: string;
  let worker: INestApplicationContext;
  const people: Record<string, { clientId: string; contactId: string }> = {};

  const campaignEmails = (campaignId: string) =>
    t.query<CampaignEmail>(
      `select to_email, contact_id, subject, html_body, text_body, links, headers
       from email_message where campaign_id = $1 order by to_email`,
      [campaignId],
    );
  const draft = async (extra: object = {}) =>
    (
      await admin
        .post('/api/campaigns')
        .send({
          name: 'Year-end letter',
          subject: '{{firstName}}, your year-end checklist',
          body: BODY,
          senderEmail: SENDER,
          segmentId,
          ...extra,
        })
        .expect(201)
    ).body;
  /** Sends a draft now and waits for its workflow to finish it. */
  const sendNow = async (id: string) => {
    const sent = await admin.post(`/api/campaigns/${id}/send`).send({}).expect(202);
    expect(sent.body.status).toBe('sending');
    return eventually('campaign sent', async () => {
      const { body } = await admin.get(`/api/campaigns/${id}`).expect(200);
      return body.status === 'sent' && body;
    });
  };
  /** Status by email (by name without one). */
  const recipients = async (id: string) =>
    Object.fromEntries(
      (await admin.get(`/api/campaigns/${id}/recipients`).expect(200)).body.map(
        (r: { email: string | null; name: string; status: string }) => [
          r.email ?? r.name,
          r.status,
        ],
      ),
    );

  beforeAll(async () => {
    t = await startTestApp({ LOGIN_RATE_LIMIT_PER_MINUTE: '1000' });
    worker = await t.startWorker();
    admin = await t.signIn();
    await admin.put('/api/settings').send({ firmName: 'Lovelace & Co CPAs' }).expect(200);
    vip = (await admin.post('/api/tags').send({ name: 'vip', color: '#1565c0' }).expect(201)).body
      .id;
    for (const [name, firstName] of [
      ['ann', 'Ann'],
      ['ben', 'Ben <b>&</b>'],
      ['cat', 'Cat'],
      ['dan', 'Dan'],
      ['eve', 'Eve'],
      ['fay', 'Fay'],
    ]) {
      people[name] = await clientWithContact(admin, {
        firstName,
        lastName: 'Smith',
        email: `${name}@example.com`,
      });
    }
    // Ann is also the contact of her company: one email all the same.
    const company = (
      await admin.post('/api/clients').send({ companyName: 'Smith Holdings' }).expect(201)
    ).body.id;
    await admin
      .put(`/api/contacts/${people.ann.contactId}`)
      .send({ clientIds: [people.ann.clientId, company] })
      .expect(200);
    const noContact = (
      await admin.post('/api/clients').send({ companyName: 'Nobody Inc' }).expect(201)
    ).body.id;
    const tagged = [...Object.values(people).map((p) => p.clientId), company, noContact];
    // Fay is not in the segment.
    await admin
      .post('/api/clients/bulk/tags')
      .send({ ids: tagged.filter((id) => id !== people.fay.clientId), add: [vip] })
      .expect(200);
    await t.query(`insert into email_suppression (email, reason) values ($1, 'bounced')`, [
      'dan@example.com',
    ]);
    // Contacts cannot be made without an email; older data can lack one.
    await t.query(`update contact set email = '' where id = $1`, [people.eve.contactId]);
    segmentId = (
      await admin
        .post('/api/segments')
        .send({ name: 'VIP clients', filter: { tagIds: [vip] } })
        .expect(201)
    ).body.id;
  });
  afterAll(() => t.close());

  it('refuses a second segment of the same name', async () => {
    const taken = await admin
      .post('/api/segments')
      .send({ name: 'vip CLIENTS', filter: {} })
      .expect(400);
    expect(taken.body.message).toBe('name: another segment is already called that');
  });

  it('refuses bad campaigns, naming the field, and records nothing', async () => {
    const base = { name: 'Bad', subject: 'Hi', body: 'Hi', senderEmail: SENDER, segmentId };
    const cases: [object, number, string, RegExp][] = [
      [{ ...base, name: ' ' }, 400, 'VALIDATION_FAILED', /^name: is required$/],
      [
        { ...base, body: 'Dear {{nickname}} and {{ firstName }}' },
        400,
        'VALIDATION_FAILED',
        /^body: unknown merge field \{\{nickname\}\}; use firstName, lastName, fullName, email, clientName, firmName$/,
      ],
      [
        { ...base, subject: '{{frstName}} {{lst}}' },
        400,
        'VALIDATION_FAILED',
        /^subject: unknown merge fields \{\{frstName\}\}, \{\{lst\}\}/,
      ],
      [{ ...base, subject: 'Two\nlines' }, 400, 'VALIDATION_FAILED', /^subject: must be one line/],
      [{ ...base, senderEmail: 'not-an-email' }, 400, 'VALIDATION_FAILED', /^senderEmail: /],
      [{ ...base, senderEmail: 'news@gmail.com' }, 400, 'SENDER_NOT_ALLOWED', /^senderEmail: /],
      [
        { ...base, segmentId: '00000000-0000-4000-8000-000000000000' },
        400,
        'CAMPAIGN_UNKNOWN_SEGMENT',
        /^segmentId: no segment/,
      ],
      [{ ...base, extra: 1 }, 400, 'VALIDATION_FAILED', /^extra: unknown field$/],
    ];
    for (const [body, status, code, message] of cases) {
      const res = await admin.post('/api/campaigns').send(body).expect(status);
      expect(res.body).toMatchObject({ code, message: expect.stringMatching(message) });
    }
    expect(await t.query('select id from campaign')).toEqual([]);
  });

  it('previews with the segment’s first reachable contact, or sample values', async () => {
    const preview = await admin
      .post('/api/campaigns/preview')
      .send({ subject: 'Hi {{firstName}}', body: BODY, segmentId })
      .expect(200);
    expect(preview.body).toMatchObject({
      subject: 'Hi Ann',
      mergeValues: { firstName: 'Ann', clientName: 'Ann Smith', firmName: 'Lovelace & Co CPAs' },
    });
    expect(preview.body.html).toContain('Lovelace &amp; Co CPAs');
    expect(preview.body.html).toContain('href="https://example.com"');
    // Raw HTML in the Markdown is shown as text, never run.
    expect(preview.body.html).not.toContain('<script>');
    expect(preview.body.html).toContain('&lt;script&gt;');
    const sample = await admin
      .post('/api/campaigns/preview')
      .send({ subject: 'Hi {{fullName}}', body: 'x' })
      .expect(200);
    expect(sample.body.subject).toBe('Hi Alex Sample');
    const bad = await admin
      .post('/api/campaigns/preview')
      .send({ subject: 'Hi', body: '{{oops}}' })
      .expect(400);
    expect(bad.body.message).toMatch(/^body: unknown merge field \{\{oops\}\}/);
  });

  it('counts the audience, sends to each contact once, skips whom it must, escapes merge values', async () => {
    const created = await draft();
    expect(created).toMatchObject({ status: 'draft', segmentName: 'VIP clients' });
    expect(created.stats).toMatchObject({ recipients: 0, skipped: 0 });
    expect(created.workflow).toBeUndefined();
    const audience = await admin.get(`/api/campaigns/${created.id}/audience`).expect(200);
    expect(audience.body).toEqual({
      clients: 7,
      clientsWithoutContact: 1,
      contacts: 5,
      sendable: 3,
      skipped: { noEmail: 1, suppressed: 1, unsubscribed: 0 },
    });
    // The segment's own preview counts the same people as reachable.
    const preview = await admin.get(`/api/segments/${segmentId}/preview`).expect(200);
    expect(preview.body).toMatchObject({ clientCount: 7, reachableContacts: 3 });

    const test = await admin.post(`/api/campaigns/${created.id}/test`).expect(202);
    expect(test.body.to).toBe('admin@clienthub.test');
    const [testEmail] = await t.query<CampaignEmail>(
      `select subject, contact_id, headers from email_message where id = $1`,
      [test.body.emailId],
    );
    expect(testEmail).toMatchObject({
      subject: '[Test] Ann, your year-end checklist',
      contact_id: null,
      headers: null,
    });

    const sent = await sendNow(created.id);
    expect(sent.stats).toEqual({
      recipients: 3,
      skipped: 2,
      queued: 0,
      sent: 3,
      delivered: 0,
      bounced: 0,
      complained: 0,
      failed: 0,
      cancelled: 0,
      unsubscribed: 0,
    });
    expect(sent.finishedAt).toEqual(expect.any(String));
    expect(await recipients(created.id)).toEqual({
      'ann@example.com': 'sent',
      'ben@example.com': 'sent',
      'cat@example.com': 'sent',
      'dan@example.com': 'skipped:suppressed',
      'Eve Smith': 'skipped:no_email',
    });
    const skipped = await admin
      .get(`/api/campaigns/${created.id}/recipients`)
      .query({ filter: JSON.stringify({ status: 'skipped:suppressed' }) })
      .expect(200);
    expect(skipped.headers['content-range']).toBe('recipients 0-0/1');
    expect(skipped.body[0]).toMatchObject({ name: 'Dan Smith', clientName: 'Dan Smith' });

    const emails = (await campaignEmails(created.id)).filter((e) => e.contact_id);
    expect(emails.map((e) => e.to_email)).toEqual([
      'ann@example.com',
      'ben@example.com',
      'cat@example.com',
    ]);
    const ben = emails[1];
    expect(ben.subject).toBe('Ben <b>&</b>, your year-end checklist');
    expect(ben.html_body).toContain('Hello Ben &lt;b&gt;&amp;&lt;/b&gt;,');
    expect(ben.text_body).toContain('Hello Ben <b>&</b>,');
    const [page, oneClick] = ben.links.map((l) => l.url);
    expect(page).toMatch(new RegExp(`^${t.url}/portal/unsubscribe/[A-Za-z0-9_-]{43}$`));
    expect(oneClick).toBe(page.replace('/portal/unsubscribe/', '/api/unsubscribe/'));
    expect(ben.html_body).toContain(`href="${page}"`);
    expect(ben.headers).toEqual({
      'List-Unsubscribe': `<${oneClick}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    });
    // Each recipient has a link of their own; only its hash is stored.
    expect(new Set(emails.map((e) => e.links[0].url)).size).toBe(3);
    const stored = await t.query<{ unsubscribe_token_hash: string }>(
      'select unsubscribe_token_hash from campaign_recipient where campaign_id = $1 and email_message_id is not null',
      [created.id],
    );
    expect(stored.every((r) => /^[0-9a-f]{64}$/.test(r.unsubscribe_token_hash))).toBe(true);

    const listed = await admin
      .get('/api/campaigns')
      .query({ filter: JSON.stringify({ status: 'sent' }) })
      .expect(200);
    expect(listed.headers['content-range']).toBe('campaigns 0-0/1');
    expect(listed.body[0]).toMatchObject({ id: created.id, stats: { sent: 3 } });
  });

  it('one-click unsubscribe stops the next campaign, never invitations or file requests', async () => {
    const first = await sendNow((await draft({ name: 'Newsletter 1' })).id);
    const [cat] = (await campaignEmails(first.id)).filter((e) => e.to_email === 'cat@example.com');
    const oneClick = new URL(cat.links[1].url).pathname;

    const unknown = await request(t.url).get('/api/unsubscribe/not-a-real-token-0000000000');
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('UNSUBSCRIBE_LINK_INVALID');
    const page = await request(t.url).get(oneClick).expect(200);
    expect(page.body).toEqual({
      firmName: 'Lovelace & Co CPAs',
      logoUrl: null,
      email: 'c***@example.com',
      unsubscribed: false,
    });
    // As a mail client posts it (RFC 8058): a form body, from anywhere, no session.
    for (let i = 0; i < 2; i++) {
      const res = await request(t.url)
        .post(oneClick)
        .set('origin', 'https://mail.example.net')
        .type('form')
        .send('List-Unsubscribe=One-Click')
        .expect(200);
      expect(res.body.unsubscribed).toBe(true);
    }
    const audit = await t.query<{ action: string; actor_email: string }>(
      `select action, actor_email from audit_event where target_id = $1`,
      [people.cat.contactId],
    );
    expect(audit.filter((a) => a.action === 'campaign.unsubscribed')).toEqual([
      { action: 'campaign.unsubscribed', actor_email: 'cat@example.com' },
    ]);
    const after = (await admin.get(`/api/campaigns/${first.id}`).expect(200)).body;
    expect(after.stats).toMatchObject({ sent: 3, unsubscribed: 1 });
    expect((await recipients(first.id))['cat@example.com']).toBe('unsubscribed');

    const next = await draft({ name: 'Newsletter 2' });
    const audience = await admin.get(`/api/campaigns/${next.id}/audience`).expect(200);
    expect(audience.body).toMatchObject({ sendable: 2, skipped: { unsubscribed: 1 } });
    await sendNow(next.id);
    expect((await recipients(next.id))['cat@example.com']).toBe('skipped:unsubscribed');
    expect((await campaignEmails(next.id)).map((e) => e.to_email)).toEqual([
      'ann@example.com',
      'ben@example.com',
    ]);

    // Still invited, and still asked for documents.
    await admin
      .post('/api/invitations')
      .send({ contactIds: [people.cat.contactId], senderEmail: 'invitations@clienthub.test' })
      .expect(202);
    await admin
      .post('/api/file-requests')
      .send({
        clientId: people.cat.clientId,
        recipientIds: [people.cat.contactId],
        subject: 'Receipts',
      })
      .expect(201);
    await eventually('invitation and request emails to Cat', async () => {
      const kinds = (
        await t.query<{ kind: string }>(
          `select kind from email_message where contact_id = $1 and kind <> 'campaign'`,
          [people.cat.contactId],
        )
      ).map((e) => e.kind);
      return kinds.includes('invitation') && kinds.includes('file_request');
    });
  });

  it('schedules a campaign and cancels it before its time; refuses what its status forbids', async () => {
    const { id } = await draft({ name: 'Scheduled' });
    const past = await admin
      .post(`/api/campaigns/${id}/send`)
      .send({ scheduledAt: '2020-01-01T00:00:00Z' })
      .expect(400);
    expect(past.body.message).toBe('scheduledAt: must be in the future');
    const at = new Date(Date.now() + 86_400_000).toISOString();
    const scheduled = await admin
      .post(`/api/campaigns/${id}/send`)
      .send({ scheduledAt: at })
      .expect(202);
    expect(scheduled.body).toMatchObject({
      status: 'scheduled',
      scheduledAt: at,
      workflow: { id: `campaign-${id}` },
    });
    expect(scheduled.body.workflow.url).toContain(`/workflows/campaign-${id}`);
    const live = await eventually('workflow status', async () => {
      const { body } = await admin.get(`/api/campaigns/${id}`).expect(200);
      return body.workflow.status;
    });
    expect(live).toEqual({ state: 'scheduled', total: 0, queued: 0 });

    const conflicts: [string, () => request.Test, string][] = [
      ['send', () => admin.post(`/api/campaigns/${id}/send`).send({}), 'CAMPAIGN_NOT_DRAFT'],
      ['change', () => admin.put(`/api/campaigns/${id}`).send({ name: 'X' }), 'CAMPAIGN_NOT_DRAFT'],
      ['delete', () => admin.delete(`/api/campaigns/${id}`), 'CAMPAIGN_NOT_DRAFT'],
    ];
    for (const [what, call, code] of conflicts) {
      const res = await call();
      expect([what, res.status, res.body.code]).toEqual([what, 409, code]);
    }

    // Its audience cannot vanish under it.
    const kept = await admin.delete(`/api/segments/${segmentId}`).expect(409);
    expect(kept.body.code).toBe('SEGMENT_IN_USE');

    // A lost workflow (history reset, a crash before it started) comes back at worker start.
    const handle = t.app.get(TemporalService).client.workflow.getHandle(`campaign-${id}`);
    await handle.terminate('Lost, as after a reset of the Temporal server');
    const reconciler = worker.get(CampaignReconciler);
    await eventually('restarted', async () => (await reconciler.reconcile()) === 1);
    expect((await handle.describe()).status.name).toBe('RUNNING');

    const cancelled = await admin.post(`/api/campaigns/${id}/cancel`).expect(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', finishedAt: expect.any(String) });
    expect(await handle.result()).toBe('cancelled');
    expect(await t.query('select 1 from campaign_recipient where campaign_id = $1', [id])).toEqual(
      [],
    );
    const again = await admin.post(`/api/campaigns/${id}/cancel`).expect(409);
    expect(again.body.code).toBe('CAMPAIGN_NOT_RUNNING');
    const aDraft = await draft({ name: 'Never sent' });
    await admin.post(`/api/campaigns/${aDraft.id}/cancel`).expect(409);
  });

  it('edits and deletes drafts; a workflow service that is down leaves a draft (503)', async () => {
    const { id } = await draft({ name: 'Edit me' });
    // react-admin sends the whole record back: read-only fields are ignored.
    const whole = (await admin.get(`/api/campaigns/${id}`).expect(200)).body;
    const edited = await admin
      .put(`/api/campaigns/${id}`)
      .send({ ...whole, name: 'Edited', body: 'Hi {{fullName}}' })
      .expect(200);
    expect(edited.body).toMatchObject({ name: 'Edited', body: 'Hi {{fullName}}', status: 'draft' });
    const badEdit = await admin.put(`/api/campaigns/${id}`).send({ body: '{{x}}' }).expect(400);
    expect(badEdit.body.message).toMatch(/^body: unknown merge field \{\{x\}\}/);

    const workflows = t.app.get(CampaignWorkflowsService);
    const start = jest.spyOn(workflows, 'start').mockRejectedValueOnce(new Error('unreachable'));
    const down = await admin.post(`/api/campaigns/${id}/send`).send({}).expect(503);
    expect(down.body.code).toBe('WORKFLOWS_UNAVAILABLE');
    start.mockRestore();
    expect((await admin.get(`/api/campaigns/${id}`).expect(200)).body.status).toBe('draft');

    await admin.delete(`/api/campaigns/${id}`).expect(200);
    await admin.get(`/api/campaigns/${id}`).expect(404);
    const audit = await t.query<{ action: string }>(
      `select action from audit_event where target_id = $1 order by at`,
      [id],
    );
    expect(audit.map((a) => a.action)).toEqual([
      'campaign.created',
      'campaign.updated',
      'campaign.deleted',
    ]);
  });
});
