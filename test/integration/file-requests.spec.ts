import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import type { Agent } from 'supertest';
import { FileRequestReconciler } from '../../server/modules/file-requests/delivery/file-request-reconciler.service';
import { TemporalService } from '../../server/temporal/temporal.service';
import { eventually } from '../utils/invitations';
import { grantStaff, portalContact, staffMember } from '../utils/people';
import { startTestApp, type TestApp } from '../utils/test-app';

const PDF = (text: string) => Buffer.from(`%PDF-1.4\n% ${text}\n%%EOF\n`, 'latin1');
const future = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

interface Item {
  id: string;
  title: string;
  status: string;
  rejectionReason: string | null;
  file: { id: string; name: string; version: number } | null;
}

/** File requests through the API, with a real worker running their workflows. */
describe('file requests', () => {
  let t: TestApp;
  let admin: Agent;
  let viewer: Agent;
  let owner: Agent;
  let outsider: Agent;
  let ann: { id: string; email: string; agent: Agent };
  let bob: { id: string; email: string; agent: Agent };
  let stranger: { id: string; email: string; agent: Agent };
  let clientA: string;
  let clientB: string;
  let attachmentId: string;
  let worker: INestApplicationContext;

  const storedFiles = async () =>
    Number((await t.query<{ n: string }>('select count(*) as n from stored_file'))[0].n);
  const emails = (requestId: string) =>
    t.query<{ kind: string; to_email: string; subject: string; text_body: string }>(
      'select kind, to_email, subject, text_body from email_message where file_request_id = $1 order by created_at',
      [requestId],
    );
  const upload = (agent: Agent, requestId: string, itemId: string, content: Buffer, name: string) =>
    agent
      .post(`/api/portal/file-requests/${requestId}/items/${itemId}/upload`)
      .attach('file', content, name);
  const workflowStatus = async (requestId: string) =>
    (
      await t.app
        .get(TemporalService)
        .client.workflow.getHandle(`file-request-${requestId}`)
        .describe()
    ).status.name;

  beforeAll(async () => {
    t = await startTestApp({ FILE_MAX_MB: '0.01', LOGIN_RATE_LIMIT_PER_MINUTE: '1000' });
    worker = await t.startWorker();
    admin = await t.signIn();
    clientA = (await admin.post('/api/clients').send({ companyName: 'Alpha LLC' }).expect(201)).body
      .id;
    clientB = (await admin.post('/api/clients').send({ companyName: 'Beta Inc' }).expect(201)).body
      .id;
    const v = await staffMember(t, admin, 'viewer');
    await grantStaff(admin, clientA, v.id, 'viewer');
    viewer = v.agent;
    const o = await staffMember(t, admin, 'owner');
    await grantStaff(admin, clientA, o.id, 'owner');
    owner = o.agent;
    outsider = (await staffMember(t, admin, 'outsider')).agent;
    ann = await portalContact(t, admin, 'ann', clientA, 'contact_access');
    bob = await portalContact(t, admin, 'bob', clientA, 'contact_collaborator');
    stranger = await portalContact(t, admin, 'stranger', clientB, 'contact_access');
    attachmentId = (
      await admin
        .post(`/api/clients/${clientA}/files`)
        .attach('file', PDF('organizer'), 'Organizer 2025.pdf')
        .expect(201)
    ).body.id;
  });
  afterAll(() => t.close());

  it('refuses bad requests, naming what is wrong, and records nothing', async () => {
    const base = { clientId: clientA, recipientIds: [ann.id], subject: '2025 tax documents' };
    const cases: [object, RegExp][] = [
      [{ ...base, recipientIds: [ann.id, stranger.id] }, /stranger@example.com has no access/],
      [{ ...base, recipientIds: [] }, /recipientIds: choose at least one recipient/],
      [{ ...base, subject: ' ' }, /subject: is required/],
      [{ ...base, dueAt: '2020-01-01' }, /dueAt: must be in the future/],
      [{ ...base, dueAt: 'next week' }, /dueAt: must be a date/],
      [{ ...base, items: [{ title: '' }] }, /items.0.title: is required/],
    ];
    for (const [body, message] of cases) {
      const res = await admin.post('/api/file-requests').send(body).expect(400);
      expect(res.body.message).toMatch(message);
    }
    const otherFile = (
      await admin
        .post(`/api/clients/${clientB}/files`)
        .attach('file', PDF('b'), 'b.pdf')
        .expect(201)
    ).body.id;
    const wrongFile = await admin
      .post('/api/file-requests')
      .send({ ...base, attachmentFileIds: [otherFile] })
      .expect(400);
    expect(wrongFile.body.message).toContain(`${otherFile} is not a file of this client`);
    await outsider.post('/api/file-requests').send(base).expect(404);
    expect(await t.query('select id from file_request')).toEqual([]);
  });

  it('lets viewers ask for files, but only owners attach (attachments are shared)', async () => {
    const base = { clientId: clientA, recipientIds: [ann.id], subject: 'Pay stubs' };
    const attached = await viewer
      .post('/api/file-requests')
      .send({ ...base, attachmentFileIds: [attachmentId] })
      .expect(403);
    expect(attached.body.message).toMatch(/owner role/);
    await viewer
      .post('/api/file-requests')
      .send({ ...base, items: [{ title: 'Organizer', updatesFileId: attachmentId }] })
      .expect(403);
    const { body } = await viewer.post('/api/file-requests').send(base).expect(201);
    await viewer.post(`/api/file-requests/${body.id}/cancel`).send({}).expect(201);
  });

  it('runs a request from notification through review to completion', async () => {
    const created = await owner
      .post('/api/file-requests')
      .send({
        clientId: clientA,
        recipientIds: [ann.id, bob.id],
        subject: '2025 tax documents',
        description: 'What we need for your 2025 return.',
        message: 'Thanks!',
        dueAt: future(10).slice(0, 10),
        items: [
          { title: 'W-2' },
          { title: 'Updated organizer', updatesFileId: attachmentId },
          { title: 'Brokerage 1099' },
        ],
      })
      .expect(201);
    const id = created.body.id as string;
    const items = created.body.items as Item[];
    expect(created.body).toMatchObject({
      status: 'open',
      clientName: 'Alpha LLC',
      message: 'Thanks!',
      attachments: [{ id: attachmentId, name: 'Organizer 2025.pdf' }],
      workflow: { id: `file-request-${id}` },
    });
    expect(created.body.workflow.url).toContain(`/workflows/file-request-${id}`);
    expect(items.map((i) => i.status)).toEqual(['requested', 'requested', 'requested']);

    // The workflow emails both recipients with a link to the request in the portal.
    const sent = await eventually('request emails', async () => {
      const rows = await emails(id);
      return rows.length === 2 && rows;
    });
    expect(sent.map((e) => e.to_email).sort()).toEqual([ann.email, bob.email]);
    expect(sent[0].kind).toBe('file_request');
    expect(sent[0].text_body).toContain(`/portal/requests/${id}`);
    // Without detailed notifications the email says nothing of the request's content.
    expect(sent[0].text_body).not.toContain('2025 return');

    // Recipients see it; the attachment is shared with them; others do not know it.
    const annList = (await ann.agent.get('/api/portal/file-requests').expect(200)).body;
    // Open requests first (a cancelled one follows).
    expect(annList.map((r: { id: string }) => r.id)[0]).toBe(id);
    // The additional message is written to the recipients: the portal shows it too.
    expect(annList[0].message).toBe('Thanks!');
    expect(annList[0].workflow).toBeUndefined();
    await ann.agent.get(`/api/portal/files/${attachmentId}/download`).expect(200);
    await stranger.agent.get(`/api/portal/file-requests/${id}`).expect(404);
    expect((await stranger.agent.get('/api/portal/file-requests').expect(200)).body).toEqual([]);
    await outsider.get(`/api/file-requests/${id}`).expect(404);
    const outsiderList = await outsider.get('/api/file-requests').expect(200);
    expect(outsiderList.body).toEqual([]);

    // Ann (access only: being asked is enough) uploads; Bob updates the organizer and says
    // the 1099 does not apply.
    const w2 = await upload(ann.agent, id, items[0].id, PDF('w2'), 'W-2.pdf').expect(201);
    expect(w2.body.items[0]).toMatchObject({ status: 'uploaded', file: { name: 'W-2.pdf' } });
    const organizer = await upload(bob.agent, id, items[1].id, PDF('org v2'), 'organizer.pdf');
    expect(organizer.status).toBe(201);
    // The answer is its own file until staff accept it: the shared organizer is unchanged.
    const answerFile = organizer.body.items[1].file;
    expect(answerFile).toMatchObject({ name: 'organizer.pdf', version: 1 });
    expect(answerFile.id).not.toBe(attachmentId);
    expect(organizer.body.items[1].updatesFile).toMatchObject({ id: attachmentId, version: 1 });
    const na = await bob.agent
      .post(`/api/portal/file-requests/${id}/items/${items[2].id}/not-applicable`)
      .send({ comment: 'No brokerage account in 2025' })
      .expect(201);
    expect(na.body.status).toBe('uploaded');

    // Fully answered: the creator gets one digest to review.
    const digest = await eventually('staff digest', async () =>
      (await emails(id)).find((e) => e.kind === 'file_request_digest'),
    );
    expect(digest).toMatchObject({ to_email: 'owner@clienthub.test' });
    expect(digest.subject).toContain('Alpha LLC');

    // Staff accept the W-2 and the N/A, reject the organizer: the request goes back to open.
    await viewer.post(`/api/file-requests/${id}/items/${items[0].id}/accept`).send({}).expect(201);
    await viewer.post(`/api/file-requests/${id}/items/${items[2].id}/accept`).send({}).expect(201);
    const noReason = await viewer
      .post(`/api/file-requests/${id}/items/${items[1].id}/reject`)
      .send({ reason: '' })
      .expect(400);
    expect(noReason.body.message).toMatch(/reason/);
    const rejected = await viewer
      .post(`/api/file-requests/${id}/items/${items[1].id}/reject`)
      .send({ reason: 'Page 2 is missing' })
      .expect(201);
    expect(rejected.body.status).toBe('open');
    expect(rejected.body.items[1]).toMatchObject({
      status: 'rejected',
      rejectionReason: 'Page 2 is missing',
    });
    // Accepted items are settled; a rejected item cannot be accepted before a new upload.
    const settled = await upload(ann.agent, id, items[0].id, PDF('again'), 'W-2.pdf').expect(409);
    expect(settled.body.code).toBe('FILE_REQUEST_ITEM_CLOSED');
    await viewer.post(`/api/file-requests/${id}/items/${items[1].id}/accept`).send({}).expect(409);

    // The contact sees why and uploads again: the next version of the same file.
    const seen = (await bob.agent.get(`/api/portal/file-requests/${id}`).expect(200)).body;
    expect(seen.items[1].rejectionReason).toBe('Page 2 is missing');
    const again = await upload(bob.agent, id, items[1].id, PDF('org v3'), 'organizer.pdf');
    expect(again.body.items[1].file).toMatchObject({ id: answerFile.id, version: 2 });
    const done = await viewer
      .post(`/api/file-requests/${id}/items/${items[1].id}/accept`)
      .send({})
      .expect(201);
    expect(done.body.status).toBe('completed');
    // Accepted: the organizer's next version is the accepted upload, for everyone it is shared with.
    expect(done.body.items[1].updatesFile).toMatchObject({ id: attachmentId, version: 2 });
    const organizerNow = await ann.agent
      .get(`/api/portal/files/${attachmentId}/download`)
      .buffer(true)
      .expect(200);
    expect(Buffer.from(organizerNow.body).toString('latin1')).toContain('org v3');

    // The workflow ends; nothing more can be uploaded, and nothing is stored trying.
    await eventually('workflow completed', async () => (await workflowStatus(id)) === 'COMPLETED');
    const before = await storedFiles();
    const closed = await upload(bob.agent, id, items[1].id, PDF('late'), 'late.pdf').expect(409);
    expect(closed.body.code).toBe('FILE_REQUEST_CLOSED');
    expect(await storedFiles()).toBe(before);
    // One digest each time every item is answered: the first, and one for the new upload only if
    // the workflow read it before the accept that followed (a race the test does not control).
    const digests = (await emails(id)).filter((e) => e.kind === 'file_request_digest');
    expect(digests.length).toBeGreaterThanOrEqual(1);
    expect(digests.length).toBeLessThanOrEqual(2);
    expect(digests[0].text_body).not.toContain('already accepted');
    for (const later of digests.slice(1)) {
      expect(later.text_body).toContain('W-2: already accepted');
      expect(later.text_body).toContain('Updated organizer: uploaded');
    }

    const timeline = (await viewer.get(`/api/file-requests/${id}`).expect(200)).body.events.map(
      (e: { kind: string }) => e.kind,
    );
    expect(timeline).toEqual(
      expect.arrayContaining(['created', 'notified', 'uploaded', 'not_applicable', 'reviewed']),
    );
    // The second digest, when there is one, may be recorded after the request completed.
    expect(timeline.filter((kind: string) => kind !== 'digest_sent').slice(-2)).toEqual([
      'completed',
      'reminders_stopped',
    ]);
    // Contacts see the request's life, not staff's internals (who was told to review).
    const portalKinds = (
      await bob.agent.get(`/api/portal/file-requests/${id}`).expect(200)
    ).body.events.map((e: { kind: string }) => e.kind);
    expect(portalKinds).toContain('reviewed');
    expect(portalKinds).not.toContain('digest_sent');
    expect(portalKinds).not.toContain('reminders_stopped');
    const audit = await t.query<{ action: string }>(
      `select action from audit_event where target_id = $1`,
      [id],
    );
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        'file_request.created',
        'file_request.uploaded',
        'file_request.item_rejected',
        'file_request.item_accepted',
      ]),
    );
  });

  it('refuses bad uploads with a clear error and stores nothing; cancelled requests take none', async () => {
    const { body } = await admin
      .post('/api/file-requests')
      .send({ clientId: clientA, recipientIds: [ann.id], subject: 'Bank statements' })
      .expect(201);
    const [item] = body.items as Item[];
    expect(item.title).toBe('Bank statements');
    const before = await storedFiles();
    const cases: [Buffer, string, number, RegExp][] = [
      [Buffer.from('MZ\x90\x00 program', 'latin1'), 'statement.pdf', 400, /programs/],
      [Buffer.from('<html><script>alert(1)</script>'), 'statement.pdf', 400, /web pages/],
      [Buffer.alloc(20_000, 'a'), 'big.txt', 413, /larger than 0.01 MB/],
    ];
    for (const [content, name, status, message] of cases) {
      const res = await upload(ann.agent, body.id, item.id, content, name).expect(status);
      expect(res.body.message).toMatch(message);
    }
    await ann.agent
      .post(`/api/portal/file-requests/${body.id}/items/${item.id}/upload`)
      .expect(400);
    // Who is not asked learns nothing, however large the upload: not even that it is too big.
    for (const notAsked of [bob, stranger]) {
      await upload(notAsked.agent, body.id, item.id, Buffer.alloc(20_000, 'a'), 'big.txt').expect(
        404,
      );
    }
    expect(await storedFiles()).toBe(before);
    expect(await readdir(join(t.config.DATA_DIR, 'files', 'incoming'))).toEqual([]);

    const traversal = await upload(ann.agent, body.id, item.id, PDF('x'), '../../etc/passwd.pdf');
    expect(traversal.status).toBe(201);
    expect(traversal.body.items[0].file.name).toBe('passwd.pdf');

    // Remind now, once per cooldown; the request is open again after a rejection.
    await admin
      .post(`/api/file-requests/${body.id}/items/${item.id}/reject`)
      .send({ reason: 'Wrong bank' })
      .expect(201);
    await admin.post(`/api/file-requests/${body.id}/remind`).send({}).expect(201);
    const tooSoon = await admin.post(`/api/file-requests/${body.id}/remind`).send({}).expect(429);
    expect(tooSoon.body.code).toBe('FILE_REQUEST_REMIND_TOO_SOON');
    // (A digest may or may not have gone out: the rejection can come before the workflow's turn.)
    const kinds = (await emails(body.id)).map((e) => e.kind);
    expect(kinds.filter((k) => k !== 'file_request_digest')).toEqual([
      'file_request',
      'file_request_reminder',
    ]);

    const cancelled = await admin.post(`/api/file-requests/${body.id}/cancel`).send({}).expect(201);
    expect(cancelled.body.status).toBe('cancelled');
    await eventually('workflow ended', async () => (await workflowStatus(body.id)) === 'COMPLETED');
    const refused = await upload(ann.agent, body.id, item.id, PDF('y'), 'y.pdf').expect(409);
    expect(refused.body.message).toMatch(/cancelled/);
    await admin.post(`/api/file-requests/${body.id}/cancel`).send({}).expect(409);
  });

  it('gives an open request whose workflow is gone a new one when the worker starts', async () => {
    const { body } = await admin
      .post('/api/file-requests')
      .send({ clientId: clientA, recipientIds: [bob.id], subject: 'Receipts' })
      .expect(201);
    await eventually('request email', async () => (await emails(body.id)).length === 1);
    const handle = t.app.get(TemporalService).client.workflow.getHandle(`file-request-${body.id}`);
    await handle.terminate('Lost history, as after a reset of the Temporal server');
    const reconciler = worker.get(FileRequestReconciler);
    // Temporal's list catches up with the termination a moment later.
    await eventually('restarted', async () => (await reconciler.reconcile()) === 1);
    expect(await workflowStatus(body.id)).toBe('RUNNING');
    expect(await reconciler.reconcile()).toBe(0);
    // The new run found the request email already sent: none twice.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await emails(body.id)).toHaveLength(1);
    await admin.post(`/api/file-requests/${body.id}/cancel`).send({}).expect(201);
  });

  it('lists requests with filters for whoever sees the client', async () => {
    const list = await viewer
      .get('/api/file-requests')
      .query({ filter: JSON.stringify({ status: 'completed' }) })
      .expect(200);
    expect(list.body.map((r: { subject: string }) => r.subject)).toEqual(['2025 tax documents']);
    expect(list.headers['content-range']).toBe('file-requests 0-0/1');
    const all = await admin
      .get('/api/file-requests')
      .query({ filter: JSON.stringify({ clientId: clientA, q: 'bank' }) })
      .expect(200);
    expect(all.body).toHaveLength(1);
    expect(all.body[0]).toMatchObject({ status: 'cancelled', itemCounts: { uploaded: 0 } });
    const bad = await admin
      .get('/api/file-requests')
      .query({ filter: JSON.stringify({ status: 'lost' }) })
      .expect(400);
    expect(bad.body.message).toMatch(/status/);
  });
});
