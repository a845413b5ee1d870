import type { Agent } from 'supertest';
import { createStaff } from '../utils/people';
import { startTestApp, type TestApp } from '../utils/test-app';

/**
 * Per-client roles: direct grants and grants through staff and contact groups decide who sees
 * and changes which client; denials are 404 where the client may not be known, else 403.
 */
describe('sharing clients by role', () => {
  let t: TestApp;
  let admin: Agent;
  const staff: Record<string, { id: string; agent: Agent }> = {};
  let clientA: string;
  let clientB: string;
  let contactGroupId: string;
  let contactId: string;

  async function staffUser(name: string) {
    const email = `${name}@clienthub.test`;
    const password = `${name} password 123`;
    const account = { email, firstName: name, lastName: 'Tester', roles: ['staff'] };
    const id = await createStaff(t, admin, account, password);
    staff[name] = { id, agent: await t.signIn(email, password) };
  }
  const grant = (
    agent: Agent,
    clientId: string,
    principalType: string,
    principalId: string,
    role: string,
  ) => agent.post(`/api/clients/${clientId}/access`).send({ principalType, principalId, role });
  const visible = async (agent: Agent) =>
    ((await agent.get('/api/clients').expect(200)).body as { displayName: string }[]).map(
      (c) => c.displayName,
    );

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.signIn();
    for (const name of ['owner', 'viewer', 'outsider', 'grouped']) await staffUser(name);
    clientA = (await admin.post('/api/clients').send({ companyName: 'Alpha LLC' }).expect(201)).body
      .id;
    clientB = (await admin.post('/api/clients').send({ companyName: 'Beta Inc' }).expect(201)).body
      .id;
    const group = await admin
      .post('/api/staff-groups')
      .send({ name: 'Tax team', memberIds: [staff.grouped.id] })
      .expect(201);
    contactId = (
      await admin
        .post('/api/contacts')
        .send({ email: 'gina@example.com', firstName: 'Gina' })
        .expect(201)
    ).body.id;
    contactGroupId = (
      await admin
        .post('/api/contact-groups')
        .send({ name: 'Alpha family', memberIds: [contactId] })
        .expect(201)
    ).body.id;
    await grant(admin, clientA, 'staff', staff.owner.id, 'owner').expect(201);
    await grant(admin, clientA, 'staff', staff.viewer.id, 'viewer').expect(201);
    await grant(admin, clientA, 'staff_group', group.body.id, 'viewer').expect(201);
    await grant(admin, clientA, 'contact_group', contactGroupId, 'contact_access').expect(201);
  });
  afterAll(() => t.close());

  it('lists to plain staff only the clients shared with them, directly or through a group', async () => {
    expect(await visible(admin)).toEqual(['Alpha LLC', 'Beta Inc']);
    expect(await visible(staff.owner.agent)).toEqual(['Alpha LLC']);
    expect(await visible(staff.grouped.agent)).toEqual(['Alpha LLC']);
    expect(await visible(staff.outsider.agent)).toEqual([]);
    await staff.outsider.agent.get(`/api/clients/${clientA}`).expect(404);
    await staff.owner.agent.get(`/api/clients/${clientB}`).expect(404);
  });

  it('lets the owner change the client and a viewer only read it', async () => {
    await staff.viewer.agent.get(`/api/clients/${clientA}`).expect(200);
    const denied = await staff.viewer.agent
      .put(`/api/clients/${clientA}`)
      .send({ city: 'Paris' })
      .expect(403);
    expect(denied.body.code).toBe('AUTH_FORBIDDEN');
    await staff.owner.agent.put(`/api/clients/${clientA}`).send({ city: 'Paris' }).expect(200);
    await staff.outsider.agent.put(`/api/clients/${clientA}`).send({ city: 'Rome' }).expect(404);
  });

  it('shows direct and inherited grants, with the group they come from', async () => {
    const { body } = await staff.viewer.agent.get(`/api/clients/${clientA}/access`).expect(200);
    expect(body).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: `staff:${staff.owner.id}`, role: 'owner', inherited: false }),
        expect.objectContaining({
          principalType: 'staff_group',
          name: 'Tax team',
          inherited: false,
        }),
        expect.objectContaining({
          principalType: 'staff',
          principalId: staff.grouped.id,
          role: 'viewer',
          inherited: true,
          viaGroup: expect.objectContaining({ name: 'Tax team' }),
        }),
        expect.objectContaining({
          principalType: 'contact',
          principalId: contactId,
          role: 'contact_access',
          inherited: true,
          viaGroup: { id: contactGroupId, name: 'Alpha family' },
        }),
      ]),
    );
  });

  it('lets owners grant and revoke, not viewers; the highest role wins', async () => {
    await grant(staff.viewer.agent, clientA, 'staff', staff.outsider.id, 'viewer').expect(403);
    await grant(staff.owner.agent, clientA, 'staff', staff.outsider.id, 'viewer').expect(201);
    expect(await visible(staff.outsider.agent)).toEqual(['Alpha LLC']);
    // Viewer through the group, owner directly: owner.
    await grant(admin, clientA, 'staff', staff.grouped.id, 'owner').expect(201);
    await staff.grouped.agent.put(`/api/clients/${clientA}`).send({ city: 'Lyon' }).expect(200);

    await staff.owner.agent
      .delete(`/api/clients/${clientA}/access/staff:${staff.outsider.id}`)
      .expect(200);
    expect(await visible(staff.outsider.agent)).toEqual([]);
    const inherited = await staff.owner.agent
      .delete(`/api/clients/${clientA}/access/staff:${staff.grouped.id}@${contactGroupId}`)
      .expect(400);
    expect(inherited.body.message).toMatch(/^grantId: /);
    await grant(admin, clientA, 'staff', staff.viewer.id, 'contact_access').expect(400);
  });

  it("shows plain staff only their clients' side of a contact, and refuses other clients' contacts", async () => {
    const both = (
      await admin
        .post('/api/contacts')
        .send({ email: 'both@example.com', clientIds: [clientA, clientB] })
        .expect(201)
    ).body.id;
    const onlyB = (
      await admin
        .post('/api/contacts')
        .send({ email: 'onlyb@example.com', clientIds: [clientB] })
        .expect(201)
    ).body.id;
    const seen = (await staff.owner.agent.get(`/api/contacts/${both}`).expect(200)).body;
    expect(seen.clientIds).toEqual([clientA]);
    await staff.owner.agent.get(`/api/contacts/${onlyB}`).expect(404);
    const byOtherClient = await staff.owner.agent
      .get('/api/contacts')
      .query({ filter: JSON.stringify({ clientId: clientB }) })
      .expect(200);
    expect(byOtherClient.body).toEqual([]);
    // Gina belongs to Alpha through its contact group: she is one of its contacts too.
    const ofA = await staff.owner.agent
      .get('/api/contacts')
      .query({ filter: JSON.stringify({ clientId: clientA }) })
      .expect(200);
    expect(ofA.body.map((c: { email: string }) => c.email)).toContain('gina@example.com');
    const refused = await grant(
      staff.owner.agent,
      clientA,
      'contact',
      onlyB,
      'contact_access',
    ).expect(400);
    expect(refused.body.message).toMatch(/^principalId: no contact/);
    await grant(staff.owner.agent, clientA, 'contact', both, 'contact_collaborator').expect(201);
  });

  it('records grants and revocations on the audit trail of the client', async () => {
    const { body } = await admin
      .get('/api/audit-events')
      .query({
        filter: JSON.stringify({ clientId: clientA, action: ['access.granted', 'access.revoked'] }),
      })
      .expect(200);
    expect(body.length).toBeGreaterThanOrEqual(6);
    expect(body[0]).toMatchObject({ action: 'access.granted', actorEmail: 'owner@clienthub.test' });
    expect(body.map((e: { action: string }) => e.action)).toContain('access.revoked');
  });
  it('records a role change with the role before it, for staff, groups and contacts', async () => {
    const clientC = (await admin.post('/api/clients').send({ companyName: 'Gamma SA' }).expect(201))
      .body.id;
    const staffGroupId = (
      await admin.post('/api/staff-groups').send({ name: 'Audit team' }).expect(201)
    ).body.id;
    const changes = [
      ['staff', staff.viewer.id, 'viewer', 'owner'],
      ['staff_group', staffGroupId, 'viewer', 'owner'],
      ['contact_group', contactGroupId, 'contact_access', 'contact_collaborator'],
      ['contact', contactId, 'contact_collaborator', 'contact_access'],
    ] as const;
    for (const [type, id, from, to] of changes) {
      await grant(admin, clientC, type, id, from).expect(201);
      await grant(admin, clientC, type, id, to).expect(201);
    }
    // The same role again changes nothing: a grant, not a change.
    await grant(admin, clientC, 'staff', staff.viewer.id, 'owner').expect(201);
    await admin.delete(`/api/clients/${clientC}/access/contact:${contactId}`).expect(200);

    const trail = (
      await admin
        .get('/api/audit-events')
        .query({
          filter: JSON.stringify({ clientId: clientC }),
          sort: '["at","ASC"]',
          range: '[0,99]',
        })
        .expect(200)
    ).body as { action: string; summary: string; targetType: string; targetId: string }[];
    const sharing = trail.filter((e) => e.action.startsWith('access.'));
    expect(sharing.map((e) => [e.action, e.targetType, e.targetId])).toEqual([
      ...changes.flatMap(([type, id]) => [
        ['access.granted', type, id],
        ['access.role_changed', type, id],
      ]),
      ['access.granted', 'staff', staff.viewer.id],
      ['access.revoked', 'contact', contactId],
    ]);
    expect(sharing.map((e) => e.summary)).toEqual(
      expect.arrayContaining([
        'Granted staff member viewer Tester the viewer role',
        'Changed the role of staff member viewer Tester from viewer to owner',
        'Changed the role of staff group Audit team from viewer to owner',
        'Changed the role of contact group Alpha family from contact_access to contact_collaborator',
        'Changed the role of contact Gina from contact_collaborator to contact_access',
        'Granted staff member viewer Tester the owner role (unchanged)',
        'Revoked contact_access access of contact Gina',
      ]),
    );
    // The detail (not in the API's list) keeps both roles for every kind of grantee.
    const details = await t.query<{ action: string; detail: object }>(
      `select action, detail from audit_event where client_id = $1 and action like 'access.%'
       order by at, id`,
      [clientC],
    );
    expect(details.filter((e) => e.action === 'access.role_changed').map((e) => e.detail)).toEqual(
      changes.map(([principalType, , previousRole, role]) => ({
        principalType,
        role,
        previousRole,
      })),
    );
    expect(details.at(-1)!.detail).toEqual({
      principalType: 'contact',
      role: null,
      previousRole: 'contact_access',
    });
  });

  it("keeps contact groups within the caller's clients: no grant reaching others' contacts, no ids of them", async () => {
    const onlyB = (
      await admin
        .post('/api/contacts')
        .send({ email: 'bea@example.com', clientIds: [clientB] })
        .expect(201)
    ).body.id;
    const group = async (name: string, memberIds: string[]) =>
      (await admin.post('/api/contact-groups').send({ name, memberIds }).expect(201)).body
        .id as string;
    const betaGroup = await group('Beta people', [onlyB]);
    const mixedGroup = await group('Mixed people', [contactId, onlyB]);

    // Plain staff see the groups and their size, but ids only of contacts of their clients.
    const listed = (await staff.owner.agent.get('/api/contact-groups').expect(200)).body as {
      id: string;
      memberIds: string[];
      memberCount: number;
    }[];
    const byId = new Map(listed.map((g) => [g.id, g]));
    expect(byId.get(betaGroup)).toMatchObject({ memberIds: [], memberCount: 1 });
    expect(byId.get(mixedGroup)).toMatchObject({ memberIds: [contactId], memberCount: 2 });
    const one = await staff.owner.agent.get(`/api/contact-groups/${mixedGroup}`).expect(200);
    expect(one.body).toMatchObject({ memberIds: [contactId], memberCount: 2 });
    const full = await admin.get(`/api/contact-groups/${mixedGroup}`).expect(200);
    expect([...full.body.memberIds].sort()).toEqual([contactId, onlyB].sort());

    // A group holding any contact the owner may not see is refused, and reveals nothing.
    for (const group of [betaGroup, mixedGroup]) {
      const refused = await grant(
        staff.owner.agent,
        clientA,
        'contact_group',
        group,
        'contact_access',
      ).expect(403);
      expect(refused.body.message).toMatch(/^principalId: /);
    }
    await staff.owner.agent.get(`/api/contacts/${onlyB}`).expect(404);
    const access = await staff.owner.agent.get(`/api/clients/${clientA}/access`).expect(200);
    expect(access.body.map((g: { principalId: string }) => g.principalId)).not.toContain(onlyB);
    // A group of the owner's own contacts is theirs to grant; an Entities Admin grants any.
    await grant(
      staff.owner.agent,
      clientA,
      'contact_group',
      contactGroupId,
      'contact_access',
    ).expect(201);
    await grant(admin, clientA, 'contact_group', betaGroup, 'contact_access').expect(201);
  });
});
