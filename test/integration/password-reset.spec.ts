import { createHash } from 'node:crypto';
import { Client } from 'pg';
import request, { type Agent } from 'supertest';
import { PasswordResetService } from '../../server/modules/account-links/password-reset.service';
import { contactWithPassword, createStaff, emailedLinkToken, portalContact } from '../utils/people';
import { startTestApp, type TestApp } from '../utils/test-app';

/**
 * "Forgot password" for staff and portal contacts, and the staff invitation: emailed
 * single-use links that set a password. Addresses come from X-Forwarded-For (the API trusts
 * it from loopback), so each test asks from its own.
 */
describe('password reset and staff invitation links', () => {
  let t: TestApp;
  let admin: Agent;
  let clientId: string;
  let address = 0;
  const fromAddress = () => `198.51.100.${++address}`;
  const ask = (email: string, portal?: boolean, from = fromAddress()) =>
    request(t.url)
      .post('/api/auth/password-reset')
      .set('X-Forwarded-For', from)
      .send({ email, ...(portal ? { portal } : {}) });
  const use = (token: string, password: string) =>
    request(t.url).post('/api/auth/account-links/use').send({ token, password });
  const preview = (token: string) =>
    request(t.url).get('/api/auth/account-links/preview').query({ token });
  const settled = () => t.app.get(PasswordResetService).idle();
  const emailsTo = async (email: string, kind: string) =>
    (
      await t.query<{ n: number }>(
        `select count(*)::int as n from email_message where lower(to_email) = lower($1) and kind = $2`,
        [email, kind],
      )
    )[0].n;
  const auditActions = async (targetId: string) =>
    (
      await t.query<{ action: string; actor_email: string | null }>(
        'select action, actor_email from audit_event where target_id = $1 order by id',
        [targetId],
      )
    ).map((e) => e.action);

  beforeAll(async () => {
    t = await startTestApp({
      LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
      PASSWORD_RESET_MAX_PER_EMAIL: '3',
      PASSWORD_RESET_MAX_PER_ADDRESS: '5',
    });
    admin = await t.signIn();
    clientId = (await admin.post('/api/clients').send({ companyName: 'Reset Ltd' }).expect(201))
      .body.id;
  });
  afterAll(() => t.close());

  it('answers known and unknown addresses alike, and emails only real accounts', async () => {
    await createStaff(
      t,
      admin,
      { email: 'known@clienthub.test', firstName: 'Kim', lastName: 'Known' },
      'known staff password',
    );
    await contactWithPassword(
      t,
      admin,
      { email: 'Client.Known@example.com', password: 'client portal password' },
      clientId,
      'contact_access',
    );
    // Invited, never accepted: their invitation is their way in, not a reset.
    await admin.post('/api/contacts').send({ email: 'pending@example.com' }).expect(201);

    const answers = [
      await ask('known@clienthub.test'),
      await ask('nobody@clienthub.test'),
      await ask('client.known@example.com', true),
      await ask('pending@example.com', true),
      await ask('nobody@example.com', true),
      // A staff address on the portal's form is not a contact.
      await ask('known@clienthub.test', true),
    ];
    for (const res of answers) {
      expect(res.status).toBe(202);
      expect(res.body).toEqual(answers[0].body);
    }
    expect(answers[0].body.message).toMatch(/^If an account uses this address/);
    await settled();
    expect(await emailsTo('known@clienthub.test', 'password_reset')).toBe(1);
    expect(await emailsTo('client.known@example.com', 'password_reset')).toBe(1);
    for (const nobody of ['nobody@clienthub.test', 'pending@example.com', 'nobody@example.com']) {
      expect(await emailsTo(nobody, 'password_reset')).toBe(0);
    }
  });

  it('answers before any work that depends on the account, so timing tells nothing', async () => {
    // Hold every link write: the answer for a real account must not wait for it.
    const blocker = new Client({ connectionString: t.db.url });
    await blocker.connect();
    try {
      await blocker.query('begin');
      await blocker.query('lock table account_token in exclusive mode');
      const res = await ask('known@clienthub.test').timeout(5000).expect(202);
      expect(res.body.message).toMatch(/^If an account uses this address/);
      expect(await emailsTo('known@clienthub.test', 'password_reset')).toBe(1);
    } finally {
      await blocker.query('rollback');
      await blocker.end();
    }
    await settled();
    expect(await emailsTo('known@clienthub.test', 'password_reset')).toBe(2);
  });

  it('sets a new password once, ends every session of the account and audits it', async () => {
    const email = 'forgetful@clienthub.test';
    const id = await createStaff(
      t,
      admin,
      { email, firstName: 'Fay', lastName: 'Forgetful' },
      'forgotten staff password',
    );
    const laptop = await t.signIn(email, 'forgotten staff password');
    const phone = await t.signIn(email, 'forgotten staff password');

    await ask(email).expect(202);
    const token = await emailedLinkToken(t, email, 'password_reset');
    // Only the token's hash is stored.
    const [stored] = await t.query<{ token_hash: string; minutes: number }>(
      `select token_hash, extract(epoch from expires_at - created_at) / 60 as minutes
       from account_token where staff_user_id = $1 and purpose = 'password_reset'`,
      [id],
    );
    expect(stored.token_hash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(Math.round(stored.minutes)).toBe(60);
    expect((await preview(token).expect(200)).body).toMatchObject({
      purpose: 'password_reset',
      audience: 'staff',
      email,
      // The page shows the expiry in the firm's time zone, like every other date.
      timeZone: 'UTC',
    });

    // Not even a Staff Admin reads the link in the Outbox: it would open the account.
    const [queued] = await t.query<{ id: string }>(
      `select id from email_message where kind = 'password_reset' and to_email = $1`,
      [email],
    );
    const shown = await admin.get(`/api/outbox/${queued.id}`).expect(200);
    const listed = await admin
      .get('/api/outbox')
      .query({ filter: JSON.stringify({ kind: 'password_reset' }) })
      .expect(200);
    expect(listed.body.length).toBeGreaterThan(0);
    expect(JSON.stringify([shown.body, listed.body])).not.toContain(token);

    // The one password policy; a refused password leaves the link usable.
    const weak = await use(token, 'passwordpassword').expect(400);
    expect(weak.body.message).toBe(
      'password: This password is one of the most common ones; choose another.',
    );
    await laptop.get('/api/auth/me').expect(200);
    expect((await use(token, 'a brand new staff password').expect(200)).body).toEqual({
      audience: 'staff',
      email,
    });

    await laptop.get('/api/auth/me').expect(401);
    await phone.get('/api/auth/me').expect(401);
    await request(t.url)
      .post('/api/auth/login')
      .send({ email, password: 'forgotten staff password' })
      .expect(401);
    await t.signIn(email, 'a brand new staff password');

    const again = await use(token, 'yet another staff password').expect(410);
    expect(again.body.code).toBe('ACCOUNT_LINK_USED');
    expect((await preview(token).expect(410)).body.code).toBe('ACCOUNT_LINK_USED');
    await t.signIn(email, 'a brand new staff password');

    expect(await auditActions(id)).toEqual(
      expect.arrayContaining(['auth.password_reset_requested', 'auth.password_reset']),
    );
    const [event] = await t.query<{ actor_email: string; summary: string }>(
      `select actor_email, summary from audit_event where action = 'auth.password_reset' and target_id = $1`,
      [id],
    );
    expect(event.actor_email).toBe(email);
    expect(event.summary).toMatch(/every session of the account was ended/);
  });

  it('resets a portal contact: their portal sessions end, the new password signs in', async () => {
    const contact = await portalContact(t, admin, 'resetme', clientId, 'contact_access');
    await contact.agent.get('/api/portal/me').expect(200);
    await ask(contact.email, true).expect(202);
    const token = await emailedLinkToken(t, contact.email, 'password_reset');
    expect((await preview(token).expect(200)).body).toMatchObject({
      audience: 'contact',
      email: contact.email,
    });
    await use(token, 'resetme brand new password').expect(200);
    await contact.agent.get('/api/portal/me').expect(401);
    await request(t.url)
      .post('/api/auth/login')
      .send({ email: contact.email, password: 'resetme brand new password', portal: true })
      .expect(200);
    expect(await auditActions(contact.id)).toEqual(
      expect.arrayContaining(['auth.password_reset_requested', 'auth.password_reset']),
    );
  });

  it('kills an older link when a newer one is sent, and an expired one', async () => {
    const email = 'twice@clienthub.test';
    const id = await createStaff(
      t,
      admin,
      { email, firstName: 'Tw', lastName: 'Ice' },
      'twice staff password',
    );
    await ask(email).expect(202);
    const first = await emailedLinkToken(t, email, 'password_reset');
    await ask(email).expect(202);
    await settled();
    const second = await emailedLinkToken(t, email, 'password_reset');
    expect(second).not.toBe(first);
    const superseded = await use(first, 'first link staff password').expect(410);
    expect(superseded.body.code).toBe('ACCOUNT_LINK_REVOKED');

    await t.query(
      `update account_token set expires_at = now() - interval '1 second' where staff_user_id = $1`,
      [id],
    );
    const expired = await use(second, 'second link staff password').expect(410);
    expect(expired.body.code).toBe('ACCOUNT_LINK_EXPIRED');
    expect((await preview(second).expect(410)).body.code).toBe('ACCOUNT_LINK_EXPIRED');
    await t.signIn(email, 'twice staff password');

    const forged = await use('x'.repeat(43), 'forged link staff password').expect(404);
    expect(forged.body.code).toBe('ACCOUNT_LINK_TOKEN_INVALID');
  });

  it('invites staff by email: no password until they choose one, a link that expires like portal invitations', async () => {
    await admin
      .put('/api/settings')
      .send({ invitationExpirySeconds: 3 * 86400 })
      .expect(200);
    const email = 'newcomer@clienthub.test';
    const created = await admin
      .post('/api/staff')
      .send({ email, firstName: 'Nia', lastName: 'New', roles: ['staff'] })
      .expect(201);
    const [user] = await t.query<{ password_hash: string | null }>(
      'select password_hash from staff_user where id = $1',
      [created.body.id],
    );
    expect(user.password_hash).toBeNull();
    // No password means no way in but the link.
    await request(t.url).post('/api/auth/login').send({ email, password: '' }).expect(400);
    await request(t.url)
      .post('/api/auth/login')
      .send({ email, password: 'newcomer staff password' })
      .expect(401);

    const token = await emailedLinkToken(t, email, 'staff_invitation');
    const [stored] = await t.query<{ hours: number }>(
      `select extract(epoch from expires_at - created_at) / 3600 as hours from account_token
       where staff_user_id = $1`,
      [created.body.id],
    );
    expect(Math.round(stored.hours)).toBe(72);
    expect((await preview(token).expect(200)).body).toMatchObject({
      purpose: 'staff_invitation',
      audience: 'staff',
      email,
    });
    await use(token, 'newcomer staff password').expect(200);
    expect((await use(token, 'newcomer other password').expect(410)).body.code).toBe(
      'ACCOUNT_LINK_USED',
    );
    await t.signIn(email, 'newcomer staff password');
    expect(await auditActions(created.body.id)).toEqual(
      expect.arrayContaining(['staff.created', 'staff.invitation_accepted']),
    );
  });

  it('lets a deactivated account use no link', async () => {
    const email = 'leaver@clienthub.test';
    const created = await admin
      .post('/api/staff')
      .send({ email, firstName: 'Lee', lastName: 'Ver' })
      .expect(201);
    const token = await emailedLinkToken(t, email, 'staff_invitation');
    await admin.delete(`/api/staff/${created.body.id}`).expect(200);
    expect((await use(token, 'leaver staff password').expect(410)).body.code).toBe(
      'ACCOUNT_LINK_REVOKED',
    );
    // Nor is a new link sent to them.
    await ask(email).expect(202);
    await settled();
    expect(await emailsTo(email, 'password_reset')).toBe(0);
  });

  it('throttles requests per email and per address, known or not', async () => {
    await createStaff(
      t,
      admin,
      { email: 'often@clienthub.test', firstName: 'Of', lastName: 'Ten' },
      'often staff password',
    );
    for (const email of ['often@clienthub.test', 'stranger@clienthub.test']) {
      for (let i = 0; i < 3; i++) await ask(email).expect(202);
      const limited = await ask(email).expect(429);
      expect(limited.body.code).toBe('PASSWORD_RESET_TOO_MANY_REQUESTS');
      expect(limited.body.message).toMatch(/Try again in 60 minutes\./);
    }
    // Each address has its own limit too, whatever the emails.
    const from = fromAddress();
    for (let i = 0; i < 5; i++) await ask(`someone${i}@clienthub.test`, false, from).expect(202);
    await ask('someone-else@clienthub.test', false, from).expect(429);
    await ask('someone-else@clienthub.test').expect(202);
    await settled();
    expect(await emailsTo('often@clienthub.test', 'password_reset')).toBe(3);
  });

  it('names the bad field', async () => {
    const missing = await request(t.url).post('/api/auth/password-reset').send({}).expect(400);
    expect(missing.body.message).toMatch(/^email: /);
    const bad = await request(t.url)
      .post('/api/auth/password-reset')
      .send({ email: 'not-an-address' })
      .expect(400);
    expect(bad.body.message).toBe('email: is not a valid email address');
    const noToken = await request(t.url)
      .post('/api/auth/account-links/use')
      .send({ password: 'x' })
      .expect(400);
    expect(noToken.body.message).toMatch(/^token: /);
  });
});
