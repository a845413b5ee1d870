import type { Agent } from 'supertest';
import request from 'supertest';
import { fillSignIn, useConsole } from '../utils/browser';
import { clientWithContact } from '../utils/invitations';
import { contactWithPassword } from '../utils/people';
import type { TestApp } from '../utils/test-app';

const BEATRIZ = { email: 'beatriz@example.com', password: 'beatriz portal password' };

/**
 * An offline profile marked duplicate is a staff-side record: the contact it shares with the
 * connected standard client never reaches it from the portal, neither in the list nor by its
 * address, nor through any portal route.
 */
describe('portal: an offline duplicate stays out of sight', () => {
  const session = useConsole();
  let t: TestApp;
  let admin: Agent;
  let standardId: string;
  let twinId: string;
  let contactId: string;

  beforeAll(async () => {
    t = session.t;
    admin = await t.signIn();
    const name = { firstName: 'Beatriz', lastName: 'Santos', taxClientId: 'TX-BEA' };
    standardId = (await admin.post('/api/clients').send(name).expect(201)).body.id;
    twinId = (
      await admin
        .post('/api/clients')
        .send({ ...name, type: 'offline' })
        .expect(201)
    ).body.id;
    contactId = await contactWithPassword(
      t,
      admin,
      { ...BEATRIZ, firstName: 'Beatriz', lastName: 'Santos' },
      standardId,
      'contact_collaborator',
    );
    // The import rules give the offline profile the same contact.
    await admin
      .post(`/api/clients/${twinId}/access`)
      .send({ principalType: 'contact', principalId: contactId, role: 'contact_collaborator' })
      .expect(201);
    // What accepting the invitation does to the two profiles.
    await t.query(`update client set connection_status = 'connected' where id = $1`, [standardId]);
    await t.query(`update client set connection_status = 'duplicate' where id = $1`, [twinId]);
    // Before the fix the twin showed an envelope; so did a client without email.
    await t.query(`update client set portal_status = 'not_invited' where id = $1`, [twinId]);
    await admin.post('/api/clients').send({ companyName: 'Paper Only Ltd' }).expect(201);
    await clientWithContact(admin, {
      firstName: 'Carlos',
      lastName: 'Ruiz',
      email: 'carlos@example.com',
    });
  });

  it('shows the envelope in the console only where an invitation can work', async () => {
    const { page } = session;
    await page.goto(`${t.url}/admin/#/clients`);
    await fillSignIn(page);
    const row = (text: string) => page.getByRole('row').filter({ hasText: text });
    await row('Carlos Ruiz').getByRole('button', { name: 'Invite Carlos Ruiz' }).waitFor();
    const twin = row('Beatriz Santos').filter({ hasText: 'Offline' });
    await twin.waitFor();
    expect(await twin.getByRole('button').count()).toBe(0);
    expect(await row('Paper Only Ltd').getByRole('button').count()).toBe(0);
  });

  it('lists the client once and shows the duplicate as not found', async () => {
    const { page } = session;
    await page.goto(`${t.url}/portal/login`);
    await page.getByLabel('Email').fill(BEATRIZ.email);
    await page.getByLabel('Password').fill(BEATRIZ.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Welcome, Beatriz' }).waitFor();
    const clients = page.getByRole('list', { name: 'Your clients' });
    await clients.getByRole('listitem').first().waitFor();
    expect(await clients.getByRole('listitem').count()).toBe(1);
    expect(await clients.getByRole('link').getAttribute('href')).toContain(standardId);

    await page.goto(`${t.url}/portal/clients/${twinId}`);
    await page.getByRole('heading', { name: 'Client not found', level: 1 }).waitFor();
    expect(await page.getByRole('button', { name: 'Upload a file' }).count()).toBe(0);
  });

  it('refuses the duplicate on every portal route', async () => {
    const portal = request.agent(t.url);
    await portal
      .post('/api/auth/login')
      .send({ ...BEATRIZ, portal: true })
      .expect(200);
    const me = await portal.get('/api/portal/me').expect(200);
    expect(me.body.clients.map((c: { id: string }) => c.id)).toEqual([standardId]);
    await portal.get(`/api/portal/clients/${standardId}`).expect(200);
    await portal.get(`/api/portal/clients/${twinId}`).expect(404);
    await portal.get(`/api/portal/clients/${twinId}/files`).expect(404);
    await portal
      .post(`/api/portal/clients/${twinId}/files`)
      .attach('file', Buffer.from('%PDF-1.4 twin'), 'w2.pdf')
      .expect(404);
    expect(await t.query('select 1 from client_file where client_id = $1', [twinId])).toEqual([]);

    // A file staff put on the duplicate and shared with her is still not downloadable.
    const file = await admin
      .post(`/api/clients/${twinId}/files`)
      .attach('file', Buffer.from('%PDF-1.4 staff'), 'staff.pdf')
      .expect(201);
    await admin
      .put(`/api/files/${file.body.id}/shares`)
      .send({ contactIds: [contactId] })
      .expect(200);
    await portal.get(`/api/portal/files/${file.body.id}/download`).expect(404);

    // Staff still see the contact on the duplicate.
    const access = await admin.get(`/api/clients/${twinId}/access`).expect(200);
    expect(JSON.stringify(access.body)).toContain(BEATRIZ.email);
  });
});
