import request, { type Agent } from 'supertest';
import { clientWithContact, latestAcceptLink, tokenOf } from '../utils/invitations';
import { portalContact } from '../utils/people';
import { startTestApp, type TestApp } from '../utils/test-app';

interface Event {
  action: string;
  summary: string;
  clientId: string | null;
}

/** Every event names its records in words and shows in the activity of each client it touched. */
describe('audit trail: who was touched', () => {
  let t: TestApp;
  let admin: Agent;
  let ada: { clientId: string; contactId: string };
  let grace: { clientId: string; contactId: string };

  const activity = async (clientId: string): Promise<Event[]> =>
    (
      await admin
        .get('/api/audit-events')
        .query({ filter: JSON.stringify({ clientId }) })
        .expect(200)
    ).body;

  beforeAll(async () => {
    t = await startTestApp();
    // The invitation emails (and their accept links) come from the batch workflow.
    await t.startWorker();
    admin = await t.signIn();
    ada = await clientWithContact(admin, {
      firstName: 'Ada',
      lastName: 'Lovelace',
      email: 'ada@example.com',
    });
    grace = await clientWithContact(admin, {
      firstName: 'Grace',
      lastName: 'Hopper',
      email: 'grace@example.com',
    });
  });
  afterAll(() => t?.close());

  it('names the clients and tags of a bulk tag change, on each client', async () => {
    const tag = await admin
      .post('/api/tags')
      .send({ name: 'Extension filed', color: '#8e24aa' })
      .expect(201);
    const res = await admin
      .post('/api/clients/bulk/tags')
      .send({ ids: [grace.clientId, ada.clientId], add: [tag.body.id] })
      .expect(200);
    expect(res.body).toEqual({ updated: 2, added: 2, removed: 0 });
    for (const clientId of [ada.clientId, grace.clientId]) {
      expect(await activity(clientId)).toContainEqual(
        expect.objectContaining({
          action: 'client.tags_changed',
          summary: 'Tags on Ada Lovelace and Grace Hopper: added Extension filed',
        }),
      );
    }
  });

  it("shows an invitation sent to a contact in its client's activity", async () => {
    await admin
      .post('/api/invitations')
      .send({ contactIds: [ada.contactId], senderEmail: 'invitations@clienthub.test' })
      .expect(202);
    expect((await activity(ada.clientId)).map((e) => e.action)).toContain('invitation.sent');
    expect((await activity(grace.clientId)).map((e) => e.action)).not.toContain('invitation.sent');
  });

  it("shows an invitation accepted by a contact in its client's activity, naming them", async () => {
    const katherine = await clientWithContact(admin, {
      firstName: 'Katherine',
      lastName: 'Johnson',
      email: 'katherine@example.com',
    });
    await admin
      .post('/api/invitations')
      .send({ contactIds: [katherine.contactId], senderEmail: 'invitations@clienthub.test' })
      .expect(202);
    const token = tokenOf(await latestAcceptLink(t, katherine.contactId));
    await request(t.url)
      .post('/api/portal/invitations/accept')
      .send({ token, password: 'katherine portal password' })
      .expect(200);
    expect(await activity(katherine.clientId)).toContainEqual(
      expect.objectContaining({
        action: 'invitation.accepted',
        summary: 'katherine@example.com accepted the invitation and set a password',
      }),
    );
    expect((await activity(ada.clientId)).map((e) => e.action)).not.toContain(
      'invitation.accepted',
    );
  });

  it('names the file of a portal download and files it under its client', async () => {
    const contact = await portalContact(t, admin, 'lin', grace.clientId, 'contact_access');
    const file = await admin
      .post(`/api/clients/${grace.clientId}/files`)
      .attach('file', Buffer.from('%PDF-1.4 w2'), 'w2-2025.pdf')
      .expect(201);
    await admin
      .put(`/api/files/${file.body.id}/shares`)
      .send({ contactIds: [contact.id] })
      .expect(200);
    await contact.agent.get(`/api/portal/files/${file.body.id}/download`).expect(200);
    expect(await activity(grace.clientId)).toContainEqual(
      expect.objectContaining({
        action: 'file.downloaded',
        summary: 'Downloaded file w2-2025.pdf in the portal',
        clientId: grace.clientId,
      }),
    );
  });
});
