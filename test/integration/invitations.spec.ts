import request, { type Agent } from 'supertest';
import {
  clientWithContact,
  clientWithOfflineTwin,
  eventually,
  invitedContact,
  latestAcceptLink,
  tokenOf,
} from '../utils/invitations';
import { createStaff } from '../utils/people';
import { startTestApp, type TestApp } from '../utils/test-app';

/**
 * Invitations without RESEND_API_KEY: every email stops in the local Outbox, where a new user
 * finds the link. Real API, database, Temporal server and worker.
 */
describe('portal invitations (local outbox)', () => {
  let t: TestApp;
  let admin: Agent;
  const sender = 'invitations@clienthub.test';

  beforeAll(async () => {
    t = await startTestApp();
    await t.startWorker();
    admin = await t.signIn();
  });
  afterAll(() => t.close());

  it('keeps the Outbox and the settings to Staff Admins', async () => {
    const account = { email: 'plain@clienthub.test', firstName: 'Plain', lastName: 'Staff' };
    await createStaff(t, admin, account, 'plain staff password');
    const plain = await t.signIn('plain@clienthub.test', 'plain staff password');
    await plain.get('/api/outbox').expect(403);
    await plain.get('/api/settings').expect(403);
    await plain.post('/api/invitations').send({ contactIds: [], senderEmail: sender }).expect(403);
  });

  it('refuses a sender outside the firm domains, naming the domain', async () => {
    const { contactId } = await clientWithContact(admin, {
      firstName: 'Mallory',
      lastName: 'Sender',
      email: 'mallory@example.com',
    });
    const res = await admin
      .post('/api/invitations')
      .send({ contactIds: [contactId], senderEmail: 'boss@evil.example' })
      .expect(400);
    expect(res.body).toMatchObject({ code: 'SENDER_NOT_ALLOWED' });
    expect(res.body.message).toContain('evil.example');
    expect(await t.query('select * from invitation')).toEqual([]);
  });

  it('invites, records the email with its link, and the contact accepts into the portal', async () => {
    const ada = await clientWithOfflineTwin(admin, {
      firstName: 'Ada',
      lastName: 'Lovelace',
      email: 'ada@example.com',
      taxClientId: 'TX-ADA',
    });

    const invited = await admin
      .post('/api/invitations')
      .send({ clientIds: [ada.clientId], senderEmail: sender })
      .expect(202);
    expect(invited.body).toMatchObject({ invited: 1, resent: 0, skipped: [] });

    const link = await latestAcceptLink(t, ada.contactId);
    expect(link).toMatch(new RegExp(`^${t.url}/portal/accept\\?token=[A-Za-z0-9_-]{43}$`));
    const outbox = await admin
      .get('/api/outbox')
      .query({ filter: JSON.stringify({ kind: 'invitation' }) })
      .expect(200);
    expect(outbox.body).toEqual([
      expect.objectContaining({
        toEmail: 'ada@example.com',
        status: 'recorded',
        kind: 'invitation',
        links: [{ label: 'Accept invitation', url: link }],
      }),
    ]);
    const message = await admin.get(`/api/outbox/${outbox.body[0].id}`).expect(200);
    expect(message.body.text).toContain(link);

    // Only the token's hash is stored.
    const token = tokenOf(link);
    expect(await t.query('select 1 from invitation_token where token_hash = $1', [token])).toEqual(
      [],
    );

    const contact = await admin.get(`/api/contacts/${ada.contactId}`).expect(200);
    expect(contact.body).toMatchObject({
      portalStatus: 'invited',
      invitation: { status: 'pending', remindersSent: 0, senderEmail: sender },
    });
    expect(contact.body.invitation.workflowUrl).toContain(`portal-invitation-${ada.contactId}`);
    const live = await eventually('the workflow answers its status query', async () => {
      const res = await admin.get(`/api/invitations/${contact.body.invitation.id}`).expect(200);
      // Its workflow starts a moment after the email is recorded.
      return res.body.workflow ? res.body : undefined;
    });
    expect(live.workflow).toMatchObject({ state: 'pending', remindersSent: 0 });
    expect(Date.parse(live.workflow.expiresAt)).toBeGreaterThan(Date.now() + 13 * 86_400_000);
    const client = await admin.get(`/api/clients/${ada.clientId}`).expect(200);
    expect(client.body).toMatchObject({
      portalStatus: 'invited',
      primaryContact: { id: ada.contactId, invitationId: contact.body.invitation.id },
    });

    const portal = request.agent(t.url);
    const preview = await portal.get(`/api/portal/invitations/preview?token=${token}`).expect(200);
    expect(preview.body).toMatchObject({ email: 'ada@example.com', firmName: expect.any(String) });

    const short = await portal
      .post('/api/portal/invitations/accept')
      .send({ token, password: 'short' })
      .expect(400);
    expect(short.body.message).toMatch(/^password: .*12 characters/);
    const common = await portal
      .post('/api/portal/invitations/accept')
      .send({ token, password: 'qwerty123456' })
      .expect(400);
    expect(common.body.message).toMatch(/^password: .*common/);

    const accepted = await portal
      .post('/api/portal/invitations/accept')
      .send({ token, password: 'a long and rare passphrase' })
      .expect(200);
    expect(accepted.body).toMatchObject({
      email: 'ada@example.com',
      clients: [{ id: ada.clientId, displayName: 'Ada Lovelace', role: 'contact_collaborator' }],
    });
    const me = await portal.get('/api/portal/me').expect(200);
    expect(me.body.id).toBe(ada.contactId);
    // A contact is no staff member.
    expect((await portal.get('/api/clients').expect(403)).body.code).toBe('AUTH_FORBIDDEN');

    const after = await admin.get(`/api/clients/${ada.clientId}`).expect(200);
    expect(after.body).toMatchObject({ portalStatus: 'accepted', connectionStatus: 'connected' });
    const twinAfter = await admin.get(`/api/clients/${ada.twinId}`).expect(200);
    expect(twinAfter.body.connectionStatus).toBe('duplicate');

    // Single use.
    const reused = await request(t.url)
      .post('/api/portal/invitations/accept')
      .send({ token, password: 'another long passphrase' })
      .expect(410);
    expect(reused.body.code).toBe('INVITATION_USED');

    // The workflow heard about it and ended.
    await eventually('workflow completed', async () => {
      const handle = t.app
        .get((await import('../../server/temporal/temporal.service')).TemporalService)
        .client.workflow.getHandle(`portal-invitation-${ada.contactId}`);
      return (await handle.describe()).status.name === 'COMPLETED';
    });
    const timeline = await admin.get(`/api/contacts/${ada.contactId}/timeline`).expect(200);
    expect(timeline.body.map((e: { kind: string }) => e.kind)).toEqual(['accepted', 'invited']);

    // Changes the password (the portal's rules apply), then signs in with the new one.
    const weak = await portal
      .post('/api/auth/password')
      .send({ currentPassword: 'a long and rare passphrase', newPassword: '1q2w3e4r5t6y' })
      .expect(400);
    expect(weak.body.message).toMatch(/common/);
    await portal
      .post('/api/auth/password')
      .send({
        currentPassword: 'a long and rare passphrase',
        newPassword: 'another rare passphrase',
      })
      .expect(204);
    await request(t.url)
      .post('/api/auth/login')
      .send({ email: 'ADA@example.com', password: 'another rare passphrase', portal: true })
      .expect(200);
  });

  it('skips accepted contacts and reports each skip; inviting again while pending starts nothing', async () => {
    const bob = await clientWithContact(admin, {
      firstName: 'Bob',
      lastName: 'Builder',
      email: 'bob@example.com',
    });
    const noEmail = await admin
      .post('/api/clients')
      .send({ firstName: 'No', lastName: 'Email' })
      .expect(201);
    const noContact = await admin
      .post('/api/clients')
      .send({ firstName: 'No', lastName: 'Contact', email: 'nocontact@example.com' })
      .expect(201);
    // Bob's company has Bob as its primary contact too: one invitation for both.
    const bobsCompany = await admin
      .post('/api/clients')
      .send({ companyName: 'Builder LLC', email: 'bob@example.com' })
      .expect(201);
    await admin
      .put(`/api/contacts/${bob.contactId}`)
      .send({ clientIds: [bob.clientId, bobsCompany.body.id] })
      .expect(200);
    const first = await admin
      .post('/api/invitations')
      .send({ clientIds: [bob.clientId, bobsCompany.body.id], senderEmail: sender })
      .expect(202);
    expect(first.body).toMatchObject({ invited: 1, skippedCount: 0 });
    const again = await admin
      .post('/api/invitations')
      .send({
        filter: { q: 'b' },
        resource: 'clients',
        senderEmail: sender,
      })
      .expect(202);
    expect(again.body.invited).toBe(0);
    const more = await admin
      .post('/api/invitations')
      .send({ clientIds: [bob.clientId, noEmail.body.id, noContact.body.id], senderEmail: sender })
      .expect(202);
    expect(more.body).toMatchObject({ invited: 0, skippedCount: 3 });
    expect(more.body.skipped.map((s: { reason: string }) => s.reason).sort()).toEqual([
      'already_invited',
      'no_contact',
      'no_email',
    ]);
    const everyone = await admin
      .post('/api/invitations')
      .send({ filter: {}, senderEmail: sender })
      .expect(202);
    expect(everyone.body.skipped).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ email: 'ada@example.com', reason: 'accepted' }),
      ]),
    );
    expect(
      await t.query(`select count(*)::int as n from invitation where contact_id = $1`, [
        bob.contactId,
      ]),
    ).toEqual([{ n: 1 }]);
  });

  it('skips the offline twin by name and invites the standard client', async () => {
    const bea = await clientWithOfflineTwin(admin, {
      firstName: 'Beatriz',
      lastName: 'Santos',
      email: 'beatriz@example.com',
      taxClientId: 'TX-BEA',
    });
    // The import rules give the offline profile the same primary contact.
    await admin
      .put(`/api/contacts/${bea.contactId}`)
      .send({ clientIds: [bea.twinId, bea.clientId] })
      .expect(200);
    const noEmail = await admin
      .post('/api/clients')
      .send({ companyName: 'Paper Only Ltd' })
      .expect(201);

    const res = await admin
      .post('/api/invitations')
      .send({ clientIds: [bea.twinId, bea.clientId, noEmail.body.id], senderEmail: sender })
      .expect(202);
    expect(res.body).toMatchObject({ invited: 1, skippedCount: 2 });
    expect(res.body.skipped).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          clientId: bea.twinId,
          name: 'Beatriz Santos',
          reason: 'offline',
          message: 'An offline profile is not in the portal; invite its standard client instead',
        }),
        expect.objectContaining({
          clientId: noEmail.body.id,
          name: 'Paper Only Ltd',
          email: null,
          reason: 'no_email',
        }),
      ]),
    );
    expect(
      await t.query('select status from invitation where contact_id = $1', [bea.contactId]),
    ).toEqual([{ status: 'pending' }]);
  });

  it('resend kills the old link; revoke kills every link', async () => {
    const cy = await invitedContact(
      admin,
      { firstName: 'Cy', lastName: 'Young', email: 'cy@example.com' },
      sender,
    );
    const oldLink = await latestAcceptLink(t, cy.contactId);
    const { invitation } = (await admin.get(`/api/contacts/${cy.contactId}`)).body;

    await admin.post(`/api/invitations/${invitation.id}/resend`).expect(202);
    const newLink = await latestAcceptLink(t, cy.contactId, 2);
    expect(newLink).not.toBe(oldLink);
    const old = await request(t.url)
      .get(`/api/portal/invitations/preview?token=${tokenOf(oldLink)}`)
      .expect(410);
    expect(old.body.code).toBe('INVITATION_REVOKED');
    await request(t.url)
      .get(`/api/portal/invitations/preview?token=${tokenOf(newLink)}`)
      .expect(200);

    await admin.post(`/api/invitations/${invitation.id}/revoke`).expect(200);
    expect((await admin.get(`/api/clients/${cy.clientId}`)).body.portalStatus).toBe('revoked');
    const dead = await request(t.url)
      .get(`/api/portal/invitations/preview?token=${tokenOf(newLink)}`)
      .expect(410);
    expect(dead.body.code).toBe('INVITATION_REVOKED');
    expect((await admin.get(`/api/contacts/${cy.contactId}`)).body.portalStatus).toBe('revoked');
    // Deleting the contact leaves the client without a primary contact: not invited.
    await admin.delete(`/api/contacts/${cy.contactId}`).expect(200);
    expect((await admin.get(`/api/clients/${cy.clientId}`)).body.portalStatus).toBe('not_invited');
    const gone = await request(t.url)
      .get('/api/portal/invitations/preview?token=nonsense')
      .expect(404);
    expect(gone.body.code).toBe('INVITATION_TOKEN_INVALID');
  });

  it('a bulk invite reports its progress and, cancelled, invites nobody it had not emailed', async () => {
    await t.query(
      `insert into contact (id, email, first_name, last_name)
       select gen_random_uuid(), 'many' || g || '@example.com', 'Many', 'Contact' || g
       from generate_series(1, 1500) g`,
    );
    const ids = (
      await t.query<{ id: string }>(`select id from contact where email like 'many%'`)
    ).map((r) => r.id);
    const invited = await admin
      .post('/api/invitations')
      .send({ contactIds: ids, senderEmail: sender })
      .expect(202);
    const { batchId } = invited.body;
    const stopped = await admin.post(`/api/invitations/batches/${batchId}/cancel`).expect(202);
    expect(stopped.body.progress?.state).toBe('cancelled');

    const progress = await eventually(
      'the batch workflow finished',
      async () => {
        const res = await admin.get(`/api/invitations/batches/${batchId}`).expect(200);
        // null while Temporal does not answer the query in time: asked again.
        const p = res.body.progress ?? undefined;
        return p && p.workflowsStarted + p.revoked === 1500 && p;
      },
      90_000,
    );
    expect(progress).toMatchObject({ state: 'cancelled', total: 1500, resent: 0 });
    // Pages of 500: the cancel came before the last one.
    expect(progress.revoked).toBeGreaterThan(0);
    expect(progress.workflowsStarted).toBe(progress.emailsQueued);

    // Revoked exactly when never emailed; every one emailed follows up in its own workflow.
    const rows = await t.query<{ status: string; emailed: boolean }>(
      `select i.status, exists (select 1 from email_message m where m.invitation_id = i.id
         and m.status <> 'cancelled') as emailed
       from invitation i where i.batch_id = $1`,
      [batchId],
    );
    expect(rows.filter((r) => r.status === 'revoked' && !r.emailed)).toHaveLength(progress.revoked);
    expect(rows.filter((r) => r.status === 'pending' && r.emailed)).toHaveLength(
      progress.emailsQueued,
    );
    const temporal = t.app.get(
      (await import('../../server/temporal/temporal.service')).TemporalService,
    ).client.workflow;
    const emailed = await t.query<{ contact_id: string }>(
      `select contact_id from invitation where batch_id = $1 and status = 'pending' limit 1`,
      [batchId],
    );
    if (emailed.length) {
      const run = await temporal.getHandle(`portal-invitation-${emailed[0].contact_id}`).describe();
      expect(run.status.name).toBe('RUNNING');
    }

    await admin.get('/api/invitations/batches/not-a-uuid').expect(400);
    const unknown = await admin
      .get('/api/invitations/batches/00000000-0000-4000-8000-000000000000')
      .expect(404);
    expect(unknown.body.code).toBe('INVITATION_NOT_FOUND');
    // Longer than the 90 s it may wait for the batch: a loaded machine timed out at Jest's 60 s.
  }, 150_000);
});
