import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import { generateSync } from 'otplib';
import request, { type Agent } from 'supertest';
import { createApp } from '../../server/app.factory';
import { invitedContact, latestAcceptLink, tokenOf } from '../utils/invitations';
import { contactWithPassword, createStaff } from '../utils/people';
import { freshCode, rememberSecret, secretOf } from '../utils/second-factor';
import { startTestApp, type TestApp } from '../utils/test-app';

/**
 * Two-step sign-in (TOTP): required of staff by default, enrolment at the first sign-in, codes
 * that work once, recovery codes, a per-account throttle kept in PostgreSQL, and an audit row
 * for each step. Codes are computed here with the library the server checks them with.
 */
describe('two-step sign-in', () => {
  let t: TestApp;
  let admin: Agent;
  let n = 0;

  beforeAll(async () => {
    t = await startTestApp({ MFA_MAX_FAILURES: '3', LOGIN_RATE_LIMIT_PER_MINUTE: '1000' });
    admin = await t.signIn();
  });
  afterAll(() => t.close());

  /** A new staff member who has a password and no authenticator yet. */
  async function newStaff(roles: string[] = ['staff']) {
    const user = { email: `member${++n}@clienthub.test`, password: `member ${n} password` };
    const id = await createStaff(
      t,
      admin,
      { email: user.email, firstName: 'M', lastName: `${n}`, roles },
      user.password,
    );
    return { id, login: user };
  }

  /** Password step, then the enrolment the firm requires; answers the recovery codes. */
  async function enrol(user: { email: string; password: string; portal?: boolean }) {
    const agent = request.agent(t.url);
    const login = await agent.post('/api/auth/login').send(user).expect(200);
    expect(login.body).toEqual({ secondFactor: 'enrol' });
    const { body: start } = await agent.post('/api/auth/mfa/enrolment').expect(200);
    rememberSecret(t.config.DATABASE_URL, user.email, start.secret);
    const { body } = await agent
      .post('/api/auth/mfa/enrolment/confirm')
      .send({ code: await freshCode(start.secret) })
      .expect(200);
    return {
      agent,
      secret: start.secret as string,
      recoveryCodes: body.recoveryCodes as string[],
      body,
      start,
    };
  }

  const auditRows = (action: string, targetId: string) =>
    t.query<{ summary: string; detail: Record<string, unknown> | null; actor_id: string | null }>(
      'select summary, detail, actor_id from audit_event where action = $1 and target_id = $2 order by id',
      [action, targetId],
    );

  it('guides a staff member through enrolment at the first sign-in: no session before the code', async () => {
    const user = await newStaff();
    const agent = request.agent(t.url);
    const login = await agent.post('/api/auth/login').send(user.login).expect(200);
    expect(login.body).toEqual({ secondFactor: 'enrol' });
    expect(String(login.headers['set-cookie'])).not.toMatch(/ch_session=/);
    await agent.get('/api/auth/me').expect(401);
    await agent.get('/api/clients').expect(401);

    const { body: start } = await agent.post('/api/auth/mfa/enrolment').expect(200);
    expect(start.secret).toMatch(/^[A-Z2-7]{32}$/);
    // The app lists the account under the firm's name (Settings).
    const firm = encodeURIComponent('Your firm');
    expect(start.otpauthUrl).toBe(
      `otpauth://totp/${firm}:${encodeURIComponent(user.login.email)}?secret=${start.secret}&issuer=${firm}`,
    );
    expect(start.qrCode).toMatch(/^data:image\/svg\+xml;base64,/);

    const wrong = await agent
      .post('/api/auth/mfa/enrolment/confirm')
      .send({ code: '000000' === generateSync({ secret: start.secret }) ? '111111' : '000000' })
      .expect(400);
    expect(wrong.body).toMatchObject({
      code: 'MFA_CODE_INVALID',
      message: expect.stringMatching(/^code: /),
    });
    await agent.get('/api/auth/me').expect(401);

    const { body } = await agent
      .post('/api/auth/mfa/enrolment/confirm')
      .send({ code: await freshCode(start.secret) })
      .expect(200);
    expect(body.recoveryCodes).toHaveLength(10);
    expect(new Set(body.recoveryCodes).size).toBe(10);
    expect(body.signedIn).toMatchObject({ email: user.login.email });
    await agent.get('/api/auth/me').expect(200);
    const { body: status } = await agent.get('/api/auth/mfa').expect(200);
    expect(status).toMatchObject({ enrolled: true, required: true, recoveryCodesLeft: 10 });

    // Only hashes are stored.
    const stored = await t.query<{ code_hash: string }>(
      `select code_hash from mfa_recovery_code r join mfa_factor f on f.id = r.factor_id
       where f.staff_user_id = $1`,
      [user.id],
    );
    expect(stored).toHaveLength(10);
    for (const code of body.recoveryCodes) {
      expect(JSON.stringify(stored)).not.toContain(code.replace(/-/g, ''));
    }
    expect(await auditRows('auth.mfa_enrolled', user.id)).toHaveLength(1);
    expect(await auditRows('auth.mfa_failed', user.id)).toEqual([
      expect.objectContaining({ actor_id: user.id, detail: { field: 'code', replayed: false } }),
    ]);
  });

  it('signs in with the app’s code, and refuses the same code a second time', async () => {
    const user = await newStaff();
    const { secret } = await enrol(user.login);
    const code = await freshCode(secret);

    const first = request.agent(t.url);
    expect((await first.post('/api/auth/login').send(user.login).expect(200)).body).toEqual({
      secondFactor: 'code',
    });
    await first.post('/api/auth/mfa/verify').send({ code }).expect(200);
    await first.get('/api/auth/me').expect(200);

    const replay = request.agent(t.url);
    await replay.post('/api/auth/login').send(user.login).expect(200);
    const refused = await replay.post('/api/auth/mfa/verify').send({ code }).expect(400);
    expect(refused.body.code).toBe('MFA_CODE_INVALID');
    await replay.get('/api/auth/me').expect(401);
    expect(await auditRows('auth.mfa_failed', user.id)).toEqual([
      expect.objectContaining({ detail: { field: 'code', replayed: true } }),
    ]);
    // A code from the next step still works (an app a little ahead).
    await replay
      .post('/api/auth/mfa/verify')
      .send({ code: await freshCode(secret) })
      .expect(200);
    expect(await auditRows('auth.sign_in', user.id)).toHaveLength(3);
  });

  it('takes a code once even when two sign-ins race with it', async () => {
    const user = await newStaff();
    const { secret } = await enrol(user.login);
    const code = await freshCode(secret);
    const agents = [request.agent(t.url), request.agent(t.url), request.agent(t.url)];
    for (const agent of agents) await agent.post('/api/auth/login').send(user.login).expect(200);
    const answers = await Promise.all(
      agents.map((agent) => agent.post('/api/auth/mfa/verify').send({ code })),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 400, 400]);
  });

  it('locks the second factor of an account after MFA_MAX_FAILURES wrong codes, across API processes', async () => {
    const user = await newStaff();
    const { secret } = await enrol(user.login);
    const second: INestApplication = await createApp(t.config);
    await second.listen(0, '127.0.0.1');
    const secondUrl = `http://127.0.0.1:${(second.getHttpServer().address() as AddressInfo).port}`;
    try {
      const here = request.agent(t.url);
      const there = request.agent(secondUrl);
      await here.post('/api/auth/login').send(user.login).expect(200);
      await there.post('/api/auth/login').send(user.login).expect(200);
      const wrongCode = generateSync({ secret, epoch: Date.now() / 1000 - 3600 });
      await here.post('/api/auth/mfa/verify').send({ code: wrongCode }).expect(400);
      await there.post('/api/auth/mfa/verify').send({ code: wrongCode }).expect(400);
      const locked = await here.post('/api/auth/mfa/verify').send({ code: wrongCode }).expect(429);
      expect(locked.body).toMatchObject({
        code: 'MFA_LOCKED',
        message: 'Too many wrong codes. Try again in 15 minutes.',
      });
      // Even the right code waits for the lock, on either process.
      const right = await freshCode(secret);
      await there.post('/api/auth/mfa/verify').send({ code: right }).expect(429);
      await here.post('/api/auth/mfa/verify').send({ code: right }).expect(429);
      await there.get('/api/auth/me').expect(401);
      // Each wrong code is on the trail (the third started the lock); locked tries are not checked.
      expect(await auditRows('auth.mfa_failed', user.id)).toHaveLength(3);

      await t.query(`update mfa_throttle set locked_until = now() where owner = $1`, [
        `staff:${user.id}`,
      ]);
      await there
        .post('/api/auth/mfa/verify')
        .send({ code: await freshCode(secret) })
        .expect(200);
    } finally {
      await second.close();
    }
  });

  it('signs in with a recovery code once, emails the account and audits it', async () => {
    const user = await newStaff();
    const { recoveryCodes } = await enrol(user.login);
    const agent = request.agent(t.url);
    await agent.post('/api/auth/login').send(user.login).expect(200);
    // Typed in lower case without dashes, as people do.
    const typed = recoveryCodes[3].toLowerCase().replace(/-/g, '');
    await agent.post('/api/auth/mfa/verify').send({ recoveryCode: typed }).expect(200);
    await agent.get('/api/auth/me').expect(200);
    expect((await agent.get('/api/auth/mfa').expect(200)).body.recoveryCodesLeft).toBe(9);

    const [email] = await t.query<{ subject: string; text: string }>(
      `select subject, text_body as text from email_message where to_email = $1 and kind = 'security_notice'`,
      [user.login.email],
    );
    expect(email.subject).toBe('A recovery code was used to sign in to Your firm');
    expect(email.text).toMatch(/9 remain/);
    expect(await auditRows('auth.mfa_recovery_code_used', user.id)).toEqual([
      expect.objectContaining({ detail: { recoveryCodesLeft: 9 } }),
    ]);

    const again = request.agent(t.url);
    await again.post('/api/auth/login').send(user.login).expect(200);
    const spent = await again
      .post('/api/auth/mfa/verify')
      .send({ recoveryCode: typed })
      .expect(400);
    expect(spent.body.message).toMatch(/^recoveryCode: /);
  });

  it('regenerates recovery codes with a current code: the old ones stop working', async () => {
    const user = await newStaff();
    const { agent, secret, recoveryCodes } = await enrol(user.login);
    const { body } = await agent
      .post('/api/auth/mfa/recovery-codes')
      .send({ code: await freshCode(secret) })
      .expect(200);
    expect(body.recoveryCodes).toHaveLength(10);
    const next = request.agent(t.url);
    await next.post('/api/auth/login').send(user.login).expect(200);
    await next.post('/api/auth/mfa/verify').send({ recoveryCode: recoveryCodes[0] }).expect(400);
    await next
      .post('/api/auth/mfa/verify')
      .send({ recoveryCode: body.recoveryCodes[0] })
      .expect(200);
    expect(await auditRows('auth.mfa_recovery_codes_regenerated', user.id)).toHaveLength(1);
  });

  it('ends the other sessions when a signed-in account enrols', async () => {
    const { body: client } = await admin
      .post('/api/clients')
      .send({ companyName: 'Enrol Co' })
      .expect(201);
    const credentials = { email: 'enrolling@example.com', password: 'enrolling portal password' };
    const id = await contactWithPassword(t, admin, credentials, client.id, 'contact_access');
    const contact = { ...credentials, portal: true };
    const laptop = request.agent(t.url);
    const phone = request.agent(t.url);
    // Contacts may sign in with a password alone (the default policy for them).
    for (const agent of [laptop, phone]) {
      expect((await agent.post('/api/auth/login').send(contact).expect(200)).body).toMatchObject({
        kind: 'contact',
      });
    }
    const { body: status } = await laptop.get('/api/auth/mfa').expect(200);
    expect(status).toMatchObject({ enrolled: false, required: false });
    const { body: start } = await laptop.post('/api/auth/mfa/enrolment').expect(200);
    const { body } = await laptop
      .post('/api/auth/mfa/enrolment/confirm')
      .send({ code: await freshCode(start.secret) })
      .expect(200);
    expect(body.signedIn).toBeUndefined();
    await laptop.get('/api/auth/me').expect(200);
    await phone.get('/api/auth/me').expect(401);
    rememberSecret(t.config.DATABASE_URL, contact.email, start.secret);
    expect((await request(t.url).post('/api/auth/login').send(contact).expect(200)).body).toEqual({
      secondFactor: 'code',
    });
    expect(await auditRows('auth.mfa_enrolled', id)).toHaveLength(1);
  });

  it('turns the factor off with the password (not a wrong one); the next sign-in enrols again', async () => {
    const user = await newStaff();
    const { agent } = await enrol(user.login);
    const wrong = await agent
      .post('/api/auth/mfa/remove')
      .send({ password: 'not it at all' })
      .expect(400);
    expect(wrong.body.message).toBe('password: is not correct.');
    await agent.post('/api/auth/mfa/remove').send({ password: user.login.password }).expect(204);
    expect((await agent.get('/api/auth/mfa').expect(200)).body.enrolled).toBe(false);
    expect(await auditRows('auth.mfa_removed', user.id)).toHaveLength(1);
    expect(
      (await request(t.url).post('/api/auth/login').send(user.login).expect(200)).body,
    ).toEqual({
      secondFactor: 'enrol',
    });
  });

  it('lets a Staff Admin (only) reset a staff member’s factor, which ends their sessions', async () => {
    const user = await newStaff();
    const { agent } = await enrol(user.login);
    const other = await newStaff();
    const { agent: notAdmin } = await enrol(other.login);
    await notAdmin.post(`/api/staff/${user.id}/mfa/reset`).expect(403);

    const { body } = await admin.post(`/api/staff/${user.id}/mfa/reset`).expect(200);
    expect(body).toEqual({ removed: true });
    await agent.get('/api/auth/me').expect(401);
    expect(
      (await request(t.url).post('/api/auth/login').send(user.login).expect(200)).body,
    ).toEqual({
      secondFactor: 'enrol',
    });
    const [row] = await auditRows('auth.mfa_reset', user.id);
    expect(row.summary).toBe(
      `Reset the two-step sign-in of ${user.login.email}; their sessions were ended`,
    );
    await admin.post('/api/staff/00000000-0000-4000-8000-000000000000/mfa/reset').expect(404);
  });

  it('lets a Staff Admin reset a contact’s factor, and a staff factor only within their roles', async () => {
    const { body: client } = await admin
      .post('/api/clients')
      .send({ companyName: 'Lost Phone Co' })
      .expect(201);
    const credentials = { email: 'lost-phone@example.com', password: 'lost phone portal pw' };
    const contactId = await contactWithPassword(t, admin, credentials, client.id, 'contact_access');
    const contact = { ...credentials, portal: true };
    await admin.put('/api/settings').send({ contactMfa: 'required' }).expect(200);
    try {
      const { agent } = await enrol(contact);
      const plainStaff = (await enrol((await newStaff()).login)).agent;
      await plainStaff.post(`/api/contacts/${contactId}/mfa/reset`).expect(403);

      const { body } = await admin.post(`/api/contacts/${contactId}/mfa/reset`).expect(200);
      expect(body).toEqual({ removed: true });
      await agent.get('/api/portal/me').expect(401);
      const again = await request(t.url).post('/api/auth/login').send(contact).expect(200);
      expect(again.body).toEqual({ secondFactor: 'enrol' });
      const [row] = await auditRows('auth.mfa_reset', contactId);
      expect(row.summary).toBe(
        `Reset the two-step sign-in of ${credentials.email}; their sessions were ended`,
      );
      await admin.post('/api/contacts/00000000-0000-4000-8000-000000000000/mfa/reset').expect(404);
    } finally {
      await admin.put('/api/settings').send({ contactMfa: 'optional' }).expect(200);
    }

    // A Staff Admin who is not an Entities Admin may not reset an Entities Admin's factor.
    const staffAdminOnly = (await enrol((await newStaff(['staff', 'staff_admin'])).login)).agent;
    const entitiesAdmin = await newStaff(['staff', 'entities_admin']);
    await enrol(entitiesAdmin.login);
    const refused = await staffAdminOnly
      .post(`/api/staff/${entitiesAdmin.id}/mfa/reset`)
      .expect(403);
    expect(refused.body.message).toMatch(/Entities Admin/);
    expect(await auditRows('auth.mfa_reset', entitiesAdmin.id)).toEqual([]);
  });

  it('makes contacts enrol when the firm requires it of them', async () => {
    const { body: client } = await admin
      .post('/api/clients')
      .send({ companyName: 'Strict Co' })
      .expect(201);
    const credentials = { email: 'strict@example.com', password: 'strict portal password' };
    await contactWithPassword(t, admin, credentials, client.id, 'contact_access');
    const contact = { ...credentials, portal: true };
    const { body: settings } = await admin
      .put('/api/settings')
      .send({ contactMfa: 'required' })
      .expect(200);
    expect(settings).toMatchObject({ staffMfa: 'required', contactMfa: 'required' });
    try {
      const { agent } = await enrol(contact);
      await agent.get('/api/portal/me').expect(200);
    } finally {
      await admin.put('/api/settings').send({ contactMfa: 'optional' }).expect(200);
    }
  });

  it('has a contact set it up on accepting an invitation when the firm requires it', async () => {
    await t.startWorker();
    await admin.put('/api/settings').send({ contactMfa: 'required' }).expect(200);
    try {
      const fields = { firstName: 'Ines', lastName: 'Invited', email: 'ines@example.com' };
      const { contactId } = await invitedContact(admin, fields, 'invitations@clienthub.test');
      const token = tokenOf(await latestAcceptLink(t, contactId));
      const agent = request.agent(t.url);
      const accepted = await agent
        .post('/api/portal/invitations/accept')
        .send({ token, password: 'ines portal password' })
        .expect(200);
      expect(accepted.body).toEqual({ secondFactor: 'enrol' });
      expect(String(accepted.headers['set-cookie'])).not.toMatch(/ch_session=/);
      await agent.get('/api/portal/me').expect(401);
      const { body: start } = await agent.post('/api/auth/mfa/enrolment').expect(200);
      await agent
        .post('/api/auth/mfa/enrolment/confirm')
        .send({ code: await freshCode(start.secret) })
        .expect(200);
      await agent.get('/api/portal/me').expect(200);
    } finally {
      await admin.put('/api/settings').send({ contactMfa: 'optional' }).expect(200);
    }
  });

  it('rejects malformed input with a 400 naming the field, and a verify without a sign-in with 401', async () => {
    const user = await newStaff();
    await enrol(user.login);
    const agent = request.agent(t.url);
    await agent.post('/api/auth/login').send(user.login).expect(200);
    const short = await agent.post('/api/auth/mfa/verify').send({ code: '12345' }).expect(400);
    expect(short.body.message).toMatch(/code/);
    const both = await agent
      .post('/api/auth/mfa/verify')
      .send({ code: '123456', recoveryCode: 'AAAA-BBBB' })
      .expect(400);
    expect(both.body.message).toMatch(/either code or recoveryCode/);
    const none = await request(t.url)
      .post('/api/auth/mfa/verify')
      .send({ code: '123456' })
      .expect(401);
    expect(none.body.code).toBe('MFA_CHALLENGE_INVALID');
    await admin.put('/api/settings').send({ staffMfa: 'sometimes' }).expect(400);
    expect(secretOf(t.config.DATABASE_URL, user.login.email)).toBeTruthy();
  });
});
