import type { Agent } from 'supertest';
import { seedDashboardFixture } from '../utils/dashboard-fixture';
import { grantStaff, staffMember } from '../utils/people';
import { remigrate } from '../utils/remigrate';
import { startTestApp, type TestApp } from '../utils/test-app';

/**
 * The console's home page: each count matches the list its link opens, staff see counts of
 * only the clients shared with them, and every list takes react-admin's default sort.
 */
describe('dashboard', () => {
  let t: TestApp;
  let admin: Agent;
  let ids: Record<string, string>;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.signIn();
    ids = await seedDashboardFixture(t, admin);
  });
  afterAll(() => t?.close());

  it('counts the funnel, reminders due today, file requests and work in progress', async () => {
    const { body } = await admin.get('/api/dashboard').expect(200);
    expect(body).toEqual({
      funnel: { clients: 5, withEmail: 4, invited: 2, accepted: 1, bounced: 1, expired: 0 },
      remindersDueToday: 1,
      fileRequests: { open: 3, overdue: 1 },
      importsInProgress: 0,
      campaignsInProgress: 1,
    });
  });

  it('links each number to a list with the same total', async () => {
    const total = async (resource: string, filter: object) => {
      const res = await admin
        .get(`/api/${resource}`)
        .query({ filter: JSON.stringify(filter) })
        .expect(200);
      return Number(res.headers['content-range'].split('/')[1]);
    };
    expect(await total('clients', { type: 'standard', hasEmail: true })).toBe(4);
    expect(await total('clients', { type: 'standard', portalStatus: 'invited' })).toBe(2);
    expect(await total('clients', { reminderDueToday: true })).toBe(1);
    expect(await total('clients', { reminderDueToday: false })).toBe(5);
    expect(await total('file-requests', { status: 'open' })).toBe(3);
    expect(await total('file-requests', { overdue: true })).toBe(1);
    expect(await total('campaigns', { status: ['scheduled', 'sending'] })).toBe(1);
    const bad = await admin.get('/api/clients').query({ filter: '{"hasEmail":"yes"}' }).expect(400);
    expect(bad.body.message).toMatch(/^filter\.hasEmail: /);
  });

  it('counts only the clients shared with plain staff, without imports or campaigns', async () => {
    const { id, agent } = await staffMember(t, admin, 'sam');
    await grantStaff(admin, ids.ana, id, 'viewer');
    const { body } = await agent.get('/api/dashboard').expect(200);
    expect(body).toEqual({
      funnel: { clients: 1, withEmail: 1, invited: 1, accepted: 0, bounced: 0, expired: 0 },
      remindersDueToday: 1,
      fileRequests: { open: 2, overdue: 1 },
      importsInProgress: null,
      campaignsInProgress: null,
    });
  });

  /** The firm's funnel as the dashboard shows it, and counted from the clients. */
  const funnel = async () => (await admin.get('/api/dashboard').expect(200)).body.funnel;
  const counted = async () =>
    (
      await t.query(
        `select count(*)::int as clients, count(email)::int as "withEmail",
           count(*) filter (where portal_status = 'invited')::int as invited,
           count(*) filter (where portal_status = 'accepted')::int as accepted,
           count(*) filter (where portal_status = 'bounced')::int as bounced,
           count(*) filter (where portal_status = 'expired')::int as expired
         from client where type = 'standard'`,
      )
    )[0];

  it("keeps the firm's funnel through every kind of write to the clients", async () => {
    const before = await funnel();
    await admin
      .post('/api/clients')
      .send({ firstName: 'Kept', lastName: 'One', email: 'kept.one@example.test' })
      .expect(201);
    const two = (
      await admin.post('/api/clients').send({ firstName: 'Kept', lastName: 'Two' }).expect(201)
    ).body;
    expect(await funnel()).toEqual({
      ...before,
      clients: before.clients + 2,
      withEmail: before.withEmail + 1,
    });
    // Moved between steps one at a time and together; then an update that moves none.
    await t.query(`update client set portal_status = 'invited' where id = $1`, [two.id]);
    await t.query(
      `update client set email = null, portal_status = 'expired' where email like 'kept.%'`,
    );
    await t.query(
      `update client set type = 'offline', connection_status = 'offline' where id = $1`,
      [two.id],
    );
    await t.query(`update client set last_name = last_name || '.'`);
    const moved = await funnel();
    expect(moved).toEqual(await counted());
    expect(moved.expired).toBe(before.expired + 1);
    await admin.delete(`/api/clients/${two.id}`).expect(200);
    expect(await funnel()).toEqual(await counted());
  });

  it('counts the clients that exist when the migration that keeps the funnel runs', async () => {
    await remigrate(t.db.url, 'Migration20261215010000', () =>
      t.query(
        `insert into client (id, type, first_name, display_name, email, portal_status)
         values (gen_random_uuid(), 'standard', 'Unkept', 'Unkept', 'unkept@example.test', 'bounced')`,
      ),
    );
    const now = await funnel();
    expect(now).toEqual(await counted());
    expect(now.bounced).toBeGreaterThan(1);
  });

  it.each([
    'clients',
    'contacts',
    'tags',
    'segments',
    'campaigns',
    'file-requests',
    'request-templates',
    'imports',
    'playbooks',
    'playbook-runs',
    'outbox',
    'staff',
    'staff-groups',
    'contact-groups',
    'audit-events',
    'invitations',
  ])("the %s list takes react-admin's default sort on id", async (resource) => {
    await admin.get(`/api/${resource}`).query({ sort: '["id","ASC"]' }).expect(200);
  });
});
