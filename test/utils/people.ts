import request, { type Agent } from 'supertest';
import { hashPassword } from '../../server/common/auth/password-hasher';
import type { TestApp } from './test-app';

/** A plain staff member (`<name>@clienthub.test`), signed in. */
export async function staffMember(
  t: TestApp,
  admin: Agent,
  name: string,
  roles: string[] = ['staff'],
): Promise<{ id: string; agent: Agent }> {
  const password = `${name} password 123`;
  const { body } = await admin
    .post('/api/staff')
    .send({ email: `${name}@clienthub.test`, firstName: name, lastName: 'T', password, roles })
    .expect(201);
  return { id: body.id as string, agent: await t.signIn(`${name}@clienthub.test`, password) };
}

/** Gives staff a role on a client. */
export async function grantStaff(admin: Agent, clientId: string, staffId: string, role: string) {
  await admin
    .post(`/api/clients/${clientId}/access`)
    .send({ principalType: 'staff', principalId: staffId, role })
    .expect(201);
}

/**
 * A contact with a role on a client who has set a portal password, as if they had accepted an
 * invitation; returns the contact's id.
 */
export async function contactWithPassword(
  t: TestApp,
  admin: Agent,
  contact: { email: string; password: string; firstName?: string; lastName?: string },
  clientId: string,
  role: 'contact_access' | 'contact_collaborator',
): Promise<string> {
  const { password, ...fields } = contact;
  const { body } = await admin.post('/api/contacts').send(fields).expect(201);
  await admin
    .post(`/api/clients/${clientId}/access`)
    .send({ principalType: 'contact', principalId: body.id, role })
    .expect(201);
  await t.query(`update contact set portal_status = 'accepted', password_hash = $1 where id = $2`, [
    await hashPassword(password),
    body.id,
  ]);
  return body.id as string;
}

/**
 * A contact (`<name>@example.com`) with a role on a client, who has set a portal password, and
 * an agent signed in to the portal as them.
 */
export async function portalContact(
  t: TestApp,
  admin: Agent,
  name: string,
  clientId: string,
  role: 'contact_access' | 'contact_collaborator',
): Promise<{ id: string; email: string; agent: Agent }> {
  const email = `${name}@example.com`;
  const password = `${name} portal password`;
  const id = await contactWithPassword(
    t,
    admin,
    { email, password, firstName: name },
    clientId,
    role,
  );
  const agent = request.agent(t.url);
  await agent.post('/api/auth/login').send({ email, password, portal: true }).expect(200);
  return { id, email, agent };
}
