import request, { type Agent } from 'supertest';
import { hashPassword } from '../../server/common/auth/password-hasher';
import { signInWithSecondFactor } from './second-factor';
import type { TestApp } from './test-app';

/**
 * The token of the newest link of that kind emailed to `to`, read from the Outbox as the
 * recipient would open it (polled: a reset link is queued after the answer).
 */
export async function emailedLinkToken(
  t: TestApp,
  to: string,
  kind: 'password_reset' | 'staff_invitation',
): Promise<string> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const [email] = await t.query<{ links: { url: string }[] }>(
      `select links from email_message where lower(to_email) = lower($1) and kind = $2
       order by created_at desc limit 1`,
      [to, kind],
    );
    const token = email && new URL(email.links[0].url).searchParams.get('token');
    if (token) return token;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`No ${kind} email to ${to}`);
}

/**
 * Creates a staff account as a Staff Admin does (the API emails an invitation) and accepts
 * the invitation with `password`, as the new member does; returns the account's id.
 */
export async function createStaff(
  t: TestApp,
  admin: Agent,
  account: { email: string; firstName: string; lastName: string; roles?: string[] },
  password: string,
): Promise<string> {
  const { body } = await admin.post('/api/staff').send(account).expect(201);
  const token = await emailedLinkToken(t, account.email, 'staff_invitation');
  await request(t.url).post('/api/auth/account-links/use').send({ token, password }).expect(200);
  return body.id as string;
}

/** A plain staff member (`<name>@clienthub.test`), signed in. */
export async function staffMember(
  t: TestApp,
  admin: Agent,
  name: string,
  roles: string[] = ['staff'],
): Promise<{ id: string; agent: Agent }> {
  const password = `${name} password 123`;
  const email = `${name}@clienthub.test`;
  const id = await createStaff(
    t,
    admin,
    { email, firstName: name, lastName: 'T', roles },
    password,
  );
  return { id, agent: await t.signIn(email, password) };
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
  const agent = await signInWithSecondFactor(request.agent(t.url), t.config.DATABASE_URL, {
    email,
    password,
    portal: true,
  });
  return { id, email, agent };
}
