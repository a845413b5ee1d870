import { parse } from 'csv-parse/sync';
import request, { type Agent } from 'supertest';
import { TEST_ADMIN } from '../utils/test-env';
import { createStaff } from '../utils/people';
import { startTestApp, type TestApp } from '../utils/test-app';

interface AuditEvent {
  action: string;
  actorType: string;
  actorEmail: string | null;
  summary: string;
  clientId: string | null;
  targetId: string | null;
  ip: string | null;
  userAgent: string | null;
}

/** Sign-ins, changes and downloads leave an append-only trail that Staff Admins can read and export. */
describe('audit trail', () => {
  let t: TestApp;
  let admin: Agent;
  let clientId: string;

  const events = async (filter: object = {}): Promise<AuditEvent[]> =>
    (
      await admin
        .get('/api/audit-events')
        .query({ filter: JSON.stringify(filter), range: '[0,99]' })
        .expect(200)
    ).body;

  beforeAll(async () => {
    t = await startTestApp();
    await request(t.url)
      .post('/api/auth/login')
      .set('User-Agent', 'audit-test')
      .send({ email: '=1+1', password: 'nope' })
      .expect(401);
    admin = await t.signIn();
    clientId = (
      await admin.post('/api/clients').send({ firstName: 'Ada', lastName: 'Lovelace' }).expect(201)
    ).body.id;
    await admin.put(`/api/clients/${clientId}`).send({ city: 'London' }).expect(200);
    await admin.put('/api/settings').send({ firmName: 'Lovelace & Co' }).expect(200);
    await createStaff(
      t,
      admin,
      { email: 'viewer@clienthub.test', firstName: 'Vi', lastName: 'Ewer' },
      'viewer password 123',
    );
  });
  afterAll(() => t.close());

  it('records who did what, newest first, with address and browser', async () => {
    const trail = await events();
    expect(trail.map((e) => e.action)).toEqual([
      'staff.invitation_accepted',
      'staff.created',
      'settings.updated',
      'client.updated',
      'client.created',
      'auth.sign_in',
      // The first admin's first sign-in sets up their authenticator (required of staff).
      'auth.mfa_enrolled',
      'auth.sign_in_failed',
    ]);
    expect(trail.at(-1)).toMatchObject({
      actorType: 'anonymous',
      actorEmail: '=1+1',
      userAgent: 'audit-test',
      ip: expect.stringMatching(/127\.0\.0\.1/),
    });
    expect(trail[0]).toMatchObject({
      actorType: 'staff',
      actorEmail: 'viewer@clienthub.test',
      summary: 'viewer@clienthub.test accepted their staff invitation and chose a password',
    });
    expect(trail[1]).toMatchObject({
      actorType: 'staff',
      actorEmail: TEST_ADMIN.email,
      summary: 'Created staff account viewer@clienthub.test (roles: staff)',
    });
    expect(trail[3]).toMatchObject({ clientId, summary: 'Updated client Ada Lovelace' });
  });

  it('filters by client, action and text', async () => {
    expect((await events({ clientId })).map((e) => e.action)).toEqual([
      'client.updated',
      'client.created',
    ]);
    expect(await events({ action: ['auth.sign_in_failed'] })).toHaveLength(1);
    expect((await events({ q: 'viewer@' })).map((e) => e.action)).toEqual([
      'staff.invitation_accepted',
      'staff.created',
    ]);
    const future = new Date(Date.now() + 60_000).toISOString();
    expect(await events({ from: future })).toEqual([]);
  });

  it('exports formula-safe CSV, and the export itself is on the trail', async () => {
    const res = await admin
      .get('/api/audit-events/export.csv')
      .query({ filter: JSON.stringify({ action: 'auth.sign_in_failed' }) })
      .buffer(true)
      .parse((r, done) => {
        let text = '';
        r.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
        r.on('end', () => done(null, text));
      })
      .expect(200);
    expect(res.headers['content-disposition']).toContain('audit-trail.csv');
    const rows = parse((res.body as string).replace(/^\uFEFF/, '')) as string[][];
    expect(rows[0].slice(0, 3)).toEqual(['When (UTC)', 'Action', 'Summary']);
    expect(rows).toHaveLength(2);
    expect(rows[1][4]).toBe("'=1+1");
    expect((await events())[0].action).toBe('audit.exported');
  });

  it("is for Staff Admins only, but a client's own events for whoever sees it; cannot be rewritten", async () => {
    const viewer = await t.signIn('viewer@clienthub.test', 'viewer password 123');
    await viewer.get('/api/audit-events').expect(403);
    const own = () =>
      viewer.get('/api/audit-events').query({ filter: JSON.stringify({ clientId }) });
    await own().expect(404);
    const viewerId = (
      await admin.get('/api/staff').query({ filter: JSON.stringify({ q: 'viewer@' }) })
    ).body[0].id;
    await admin
      .post(`/api/clients/${clientId}/access`)
      .send({ principalType: 'staff', principalId: viewerId, role: 'viewer' })
      .expect(201);
    const activity = (await own().expect(200)).body as AuditEvent[];
    expect(activity.every((e) => e.clientId === clientId)).toBe(true);
    expect(activity.map((e) => e.action)).toContain('client.created');
    await viewer.get('/api/audit-events/export.csv').expect(403);
    await expect(t.query(`update audit_event set summary = 'nothing happened'`)).rejects.toThrow(
      /append-only/,
    );
    await expect(t.query(`delete from audit_event`)).rejects.toThrow(/append-only/);
  });
});
