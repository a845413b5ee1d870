import type { Agent } from 'supertest';
import { seedDashboardFixture } from '../utils/dashboard-fixture';
import { grantStaff, staffMember } from '../utils/people';
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
