import type { Agent, Test } from 'supertest';
import { clientWithContact, eventually } from '../utils/invitations';
import { csvOf, person, runImport } from '../utils/imports';
import { contactWithPassword } from '../utils/people';
import { startTestApp, type TestApp } from '../utils/test-app';
import { testServices } from '../utils/test-env';
import { TcpRelay } from '../utils/tcp-relay';

const RPC_TIMEOUT_MS = 1000;
/** A request makes at most a few calls to Temporal, each within the deadline. */
const ANSWER_WITHIN_MS = 4 * RPC_TIMEOUT_MS;
const SENDER = 'invitations@clienthub.test';
/** The one answer of every request that needed Temporal, whichever module it is in. */
const WORKFLOWS_UNAVAILABLE = {
  statusCode: 503,
  code: 'WORKFLOWS_UNAVAILABLE',
  message: 'The workflow service is not reachable, so nothing changed. Try again in a moment.',
};

/**
 * Every request that calls Temporal answers within the deadline when Temporal is frozen or gone:
 * a 503 that leaves the database as it was, or, where PostgreSQL alone is the record (revoke,
 * cancel a file request), the change with its signal left for the workflow's next step.
 */
describe('requests with Temporal frozen or unreachable', () => {
  let relay: TcpRelay;
  let t: TestApp;
  let admin: Agent;
  let completedImport: string;
  let queuedImport: string;
  let toInvite: { clientId: string; contactId: string };
  let campaignId: string;
  let fileRequestBody: { clientId: string; recipientIds: string[]; subject: string };
  /** A recipient without portal access: the request would invite them. */
  let uninvited: string;
  const pendingInvitations: string[] = [];
  const openFileRequests: string[] = [];

  const answers = (req: Test) => req.timeout(ANSWER_WITHIN_MS);
  const count = async (sql: string, params: unknown[]) =>
    (await t.query<{ n: number }>(`select count(*)::int as n from ${sql}`, params))[0].n;

  beforeAll(async () => {
    relay = await TcpRelay.start(testServices().temporalAddress);
    t = await startTestApp({
      TEMPORAL_ADDRESS: relay.address,
      TEMPORAL_RPC_TIMEOUT_MS: String(RPC_TIMEOUT_MS),
    });
    admin = await t.signIn();

    const worker = await t.startWorker();
    completedImport = (await runImport(admin, csvOf([person(1)]))).id;
    await worker.close();
    queuedImport = (await admin.post('/api/imports').attach('file', csvOf([person(2)]), 'a.csv'))
      .body.id;

    toInvite = await clientWithContact(admin, {
      firstName: 'Ivy',
      lastName: 'Invite',
      email: 'ivy@example.com',
    });
    for (const name of ['rex', 'roy']) {
      const { contactId } = await clientWithContact(admin, {
        firstName: name,
        lastName: 'Revoke',
        email: `${name}@example.com`,
      });
      await admin
        .post('/api/invitations')
        .send({ contactIds: [contactId], senderEmail: SENDER })
        .expect(202);
      const [{ id }] = await t.query<{ id: string }>(
        'select id from invitation where contact_id = $1',
        [contactId],
      );
      pendingInvitations.push(id);
    }

    const clientId = (
      await admin.post('/api/clients').send({ companyName: 'Docs LLC' }).expect(201)
    ).body.id;
    const recipient = await contactWithPassword(
      t,
      admin,
      { email: 'fay@example.com', password: 'fay portal password' },
      clientId,
      'contact_access',
    );
    fileRequestBody = { clientId, recipientIds: [recipient], subject: '2025 tax documents' };
    uninvited = (
      await admin
        .post('/api/contacts')
        .send({ email: 'gil@example.com', clientIds: [clientId] })
        .expect(201)
    ).body.id;
    for (let i = 0; i < 2; i++) {
      openFileRequests.push(
        (await admin.post('/api/file-requests').send(fileRequestBody).expect(201)).body.id,
      );
    }

    const segmentId = (
      await admin.post('/api/segments').send({ name: 'Everyone', filter: {} }).expect(201)
    ).body.id;
    campaignId = (
      await admin
        .post('/api/campaigns')
        .send({ name: 'News', subject: 'News', body: 'Hi', senderEmail: SENDER, segmentId })
        .expect(201)
    ).body.id;
  });
  afterAll(async () => {
    await relay.relay();
    await t.close();
    await relay.close();
  });

  it.each([
    ['frozen', () => relay.freeze()],
    ['unreachable', () => relay.close()],
  ])('%s: a clear 503 within the deadline, nothing half-done', async (_, breakTemporal) => {
    await breakTemporal();
    try {
      const jobsBefore = await t.query(`select id from import_job`);
      const filesBefore = await t.query(`select id from stored_file`);
      const started = await answers(
        admin.post('/api/imports').attach('file', csvOf([person(3)]), 'b.csv'),
      ).expect(503);
      expect(started.body).toMatchObject(WORKFLOWS_UNAVAILABLE);
      expect(await t.query(`select id from import_job`)).toEqual(jobsBefore);
      expect(await t.query(`select id from stored_file`)).toEqual(filesBefore);

      for (const [id, action, status] of [
        [completedImport, 'undo', 'completed'],
        [queuedImport, 'cancel', 'queued'],
      ]) {
        const res = await answers(admin.post(`/api/imports/${id}/${action}`)).expect(503);
        expect(res.body).toMatchObject(WORKFLOWS_UNAVAILABLE);
        expect((await admin.get(`/api/imports/${id}`).expect(200)).body.status).toBe(status);
      }

      const invite = await answers(
        admin
          .post('/api/invitations')
          .send({ contactIds: [toInvite.contactId], senderEmail: SENDER }),
      ).expect(503);
      expect(invite.body.code).toBe('WORKFLOWS_UNAVAILABLE');
      expect(await count('invitation where contact_id = $1', [toInvite.contactId])).toBe(0);
      expect((await admin.get(`/api/clients/${toInvite.clientId}`)).body.portalStatus).toBe(
        'not_invited',
      );

      const revoked = pendingInvitations.pop()!;
      await answers(admin.post(`/api/invitations/${revoked}/revoke`)).expect(200);
      expect((await admin.get(`/api/invitations/${revoked}`)).body.status).toBe('revoked');

      const requests = await count('file_request', []);
      const withNewcomer = {
        ...fileRequestBody,
        recipientIds: [...fileRequestBody.recipientIds, uninvited],
      };
      const create = await answers(admin.post('/api/file-requests').send(withNewcomer)).expect(503);
      expect(create.body.code).toBe('WORKFLOWS_UNAVAILABLE');
      expect(await count('file_request', [])).toBe(requests);
      // The invitation it made goes with it.
      expect(await count('invitation where contact_id = $1', [uninvited])).toBe(0);
      expect((await admin.get(`/api/contacts/${uninvited}`)).body.portalStatus).toBe('not_invited');

      const cancelled = openFileRequests.pop()!;
      await answers(admin.post(`/api/file-requests/${cancelled}/cancel`).send({})).expect(201);
      expect((await admin.get(`/api/file-requests/${cancelled}`)).body.status).toBe('cancelled');

      const send = await answers(admin.post(`/api/campaigns/${campaignId}/send`).send({})).expect(
        503,
      );
      expect(send.body.code).toBe('WORKFLOWS_UNAVAILABLE');
      expect((await admin.get(`/api/campaigns/${campaignId}`)).body.status).toBe('draft');
    } finally {
      await relay.relay();
    }
  });

  it('once Temporal answers again, the same requests go through', async () => {
    // The connection retries within about a deadline (not gRPC's default backoff of minutes).
    const back = Date.now();
    await eventually('Temporal reachable again', async () => {
      const health = await admin.get('/api/health');
      return health.body.temporal?.ok === true;
    });
    expect(Date.now() - back).toBeLessThan(3 * RPC_TIMEOUT_MS);
    const invite = await admin
      .post('/api/invitations')
      .send({ contactIds: [toInvite.contactId], senderEmail: SENDER })
      .expect(202);
    expect(invite.body).toMatchObject({ invited: 1, skippedCount: 0 });
    await admin.post(`/api/imports/${completedImport}/undo`).expect(202);
    await admin.post(`/api/campaigns/${campaignId}/send`).send({}).expect(202);
  });
});
