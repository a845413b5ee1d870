import type { Agent } from 'supertest';
import { clientWithOfflineTwin } from '../utils/invitations';
import { startTestApp, type TestApp } from '../utils/test-app';

/**
 * Inviting in bulk: an offline profile never takes its standard client's invitation, and every
 * skipped row names the client (or contact) and the reason.
 */
describe('invitations: skipped rows', () => {
  let t: TestApp;
  let admin: Agent;
  const sender = 'invitations@clienthub.test';

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.signIn();
  });
  afterAll(() => t?.close());

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
      await t.query('select contact_id from invitation where status = $1', ['pending']),
    ).toEqual([{ contact_id: bea.contactId }]);
  });
});
