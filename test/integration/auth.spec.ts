import request from 'supertest';
import { createStaff, emailedLinkToken } from '../utils/people';
import { allowPasswordOnlyStaff } from '../utils/second-factor';
import { TEST_ADMIN } from '../utils/test-env';
import { startTestApp, type TestApp } from '../utils/test-app';

describe('staff authentication', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ LOGIN_MAX_FAILURES: '3', LOGIN_RATE_LIMIT_PER_MINUTE: '1000' });
    // These tests are about the password step; two-step sign-in has its own spec (mfa.spec.ts).
    await allowPasswordOnlyStaff(t);
  });
  afterAll(() => t.close());

  it('signs in with an httpOnly SameSite cookie and answers /me', async () => {
    const res = await request(t.url).post('/api/auth/login').send(TEST_ADMIN).expect(200);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/^ch_session=[\w-]{43};/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(res.body).toMatchObject({
      email: TEST_ADMIN.email,
      roles: ['staff_admin', 'entities_admin'],
    });
    expect(JSON.stringify(res.body)).not.toMatch(/hash/i);

    const me = await request(t.url)
      .get('/api/auth/me')
      .set('Cookie', cookie.split(';')[0])
      .expect(200);
    expect(me.body).toEqual(expect.objectContaining({ kind: 'staff', email: TEST_ADMIN.email }));
    expect(me.body.sessionTokenHash).toBeUndefined();
  });

  it('gives the same 401 for a wrong password and an unknown email', async () => {
    const wrong = await request(t.url)
      .post('/api/auth/login')
      .send({ email: TEST_ADMIN.email, password: 'not-the-password' })
      .expect(401);
    const unknown = await request(t.url)
      .post('/api/auth/login')
      .send({ email: 'nobody@clienthub.test', password: 'not-the-password' })
      .expect(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body).toEqual({
      statusCode: 401,
      code: 'AUTH_INVALID_CREDENTIALS',
      message: 'Wrong email or password.',
    });
    // a later success resets the counter for the admin
    await request(t.url).post('/api/auth/login').send(TEST_ADMIN).expect(200);
  });

  it('locks an address out of a login after repeated failures, even for the right password, known or not', async () => {
    const admin = await t.signIn();
    const lockme = { email: 'lockme@clienthub.test', password: 'lockme-password-1' };
    await createStaff(
      t,
      admin,
      { email: lockme.email, firstName: 'L', lastName: 'M' },
      lockme.password,
    );
    for (const email of ['unknown@clienthub.test', lockme.email]) {
      for (let i = 0; i < 2; i++) {
        await request(t.url)
          .post('/api/auth/login')
          .send({ email, password: 'wrong-password' })
          .expect(401);
      }
      const third = await request(t.url)
        .post('/api/auth/login')
        .send({ email, password: 'wrong-password' })
        .expect(429);
      expect(third.body.code).toBe('AUTH_LOCKED');
      expect(third.body.message).toMatch(/Try again in 1 minute\./);
    }
    const locked = await request(t.url).post('/api/auth/login').send(lockme).expect(429);
    expect(locked.body.code).toBe('AUTH_LOCKED');
    // Only that address: the account itself still signs in from elsewhere.
    await request(t.url)
      .post('/api/auth/login')
      .set('X-Forwarded-For', '198.51.100.20')
      .send(lockme)
      .expect(200);
  });

  it('rejects requests without a session, and a revoked session after logout', async () => {
    const anon = await request(t.url).get('/api/clients').expect(401);
    expect(anon.body.code).toBe('AUTH_UNAUTHENTICATED');

    const agent = await t.signIn();
    await agent.get('/api/clients').expect(200);
    await agent.post('/api/auth/logout').expect(204);
    await agent.get('/api/clients').expect(401);
  });

  it('ignores forged or oversized cookies', async () => {
    await request(t.url).get('/api/auth/me').set('Cookie', 'ch_session=forged').expect(401);
    await request(t.url)
      .get('/api/auth/me')
      .set('Cookie', `ch_session=${'a'.repeat(5000)}`)
      .expect(401);
  });

  it('validates the login body', async () => {
    const res = await request(t.url).post('/api/auth/login').send({ email: 'x@y.z' }).expect(400);
    expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', message: 'password: is required' });
    const junk = await request(t.url)
      .post('/api/auth/login')
      .set('Content-Type', 'application/json')
      .send('{"email": ')
      .expect(400);
    expect(junk.body).toMatchObject({
      code: 'MALFORMED_BODY',
      message: expect.stringMatching(/^request body: is not valid JSON/),
    });
    const nul = await request(t.url)
      .post('/api/auth/login')
      .send({ email: 'admin\u0000@clienthub.test', password: 'x' })
      .expect(400);
    expect(nul.body.message).toBe('email: must not contain a NUL character');
    // Deep nesting is walked without recursion: still a 400, not a stack overflow.
    const deep = await request(t.url)
      .post('/api/auth/login')
      .set('Content-Type', 'application/json')
      .send(`{"email":${'['.repeat(100_000)}"\\u0000"${']'.repeat(100_000)},"password":"x"}`)
      .expect(400);
    expect(deep.body.message).toMatch(/^email\.0\.0\.0.*: must not contain a NUL character$/);
    const huge = await request(t.url)
      .post('/api/auth/login')
      .send({ email: 'x@y.z', password: 'p'.repeat(2_000_000) })
      .expect(413);
    expect(huge.body.code).toBe('BODY_TOO_LARGE');
  });

  it('enforces firm roles server-side', async () => {
    const admin = await t.signIn();
    const account = { email: 'plain@clienthub.test', firstName: 'Pat', lastName: 'Plain' };
    const id = await createStaff(t, admin, account, 'plain-password-123');
    const created = await admin.get(`/api/staff/${id}`).expect(200);
    expect(created.body.roles).toEqual(['staff']);
    expect(JSON.stringify(created.body)).not.toMatch(/password/i);

    const plain = await t.signIn('plain@clienthub.test', 'plain-password-123');
    await plain.get('/api/clients').expect(200);
    await plain.get('/api/tags').expect(200);
    const denied = await plain.post('/api/tags').send({ name: 'VIP', color: 'red' }).expect(403);
    expect(denied.body).toMatchObject({
      code: 'AUTH_FORBIDDEN',
      message: 'This needs the Entities Admin role.',
    });
    await plain.post('/api/clients').send({ firstName: 'A', lastName: 'B' }).expect(403);
    await plain.post('/api/clients/bulk/tags').send({ ids: [], add: [] }).expect(403);
    await plain
      .post('/api/staff')
      .send({
        email: 'x@clienthub.test',
        firstName: 'X',
        lastName: 'Y',
      })
      .expect(403);
    expect((await admin.get('/api/tags').expect(200)).body).toEqual([]);
  });

  it('keeps at least one active staff admin', async () => {
    const admin = await t.signIn();
    const me = (await admin.get('/api/auth/me')).body;
    const res = await admin
      .put(`/api/staff/${me.id}`)
      .send({ roles: ['entities_admin'] })
      .expect(409);
    expect(res.body.code).toBe('STAFF_LAST_ADMIN');
  });

  it('revokes other sessions when the password changes', async () => {
    const admin = await t.signIn();
    const account = { email: 'changer@clienthub.test', firstName: 'C', lastName: 'H' };
    await createStaff(t, admin, account, 'first-password-123');
    const laptop = await t.signIn('changer@clienthub.test', 'first-password-123');
    const phone = await t.signIn('changer@clienthub.test', 'first-password-123');

    const weak = await laptop
      .post('/api/auth/password')
      .send({ currentPassword: 'first-password-123', newPassword: 'short' })
      .expect(400);
    expect(weak.body.message).toBe('newPassword: must be at least 12 characters');
    await laptop
      .post('/api/auth/password')
      .send({ currentPassword: 'first-password-123', newPassword: 'second-password-456' })
      .expect(204);

    await laptop.get('/api/auth/me').expect(200);
    await phone.get('/api/auth/me').expect(401);
    await request(t.url)
      .post('/api/auth/login')
      .send({ email: 'changer@clienthub.test', password: 'first-password-123' })
      .expect(401);
    await t.signIn('changer@clienthub.test', 'second-password-456');
  });

  it('holds staff passwords to the policy contacts have: no common ones, not the email', async () => {
    const admin = await t.signIn();
    const me = (await admin.get('/api/auth/me').expect(200)).body;
    const account = { email: 'policy@clienthub.test', firstName: 'P', lastName: 'Olicy' };
    // Staff choose their own password through their invitation; an admin never types one.
    const typed = await admin
      .post('/api/staff')
      .send({ ...account, password: 'a typed staff password' })
      .expect(400);
    expect(typed.body.message).toMatch(/password/);
    await admin.post('/api/staff').send(account).expect(201);
    const token = await emailedLinkToken(t, account.email, 'staff_invitation');
    const choose = (password: string) =>
      request(t.url).post('/api/auth/account-links/use').send({ token, password });
    const asEmail = await choose(account.email).expect(400);
    expect(asEmail.body.message).toBe('password: Do not use your email address as your password.');
    for (const password of ['passwordpassword', '123456789012']) {
      const chosen = await choose(password).expect(400);
      expect(chosen.body.message).toBe(
        'password: This password is one of the most common ones; choose another.',
      );
      const updated = await admin.put(`/api/staff/${me.id}`).send({ password }).expect(400);
      expect(updated.body.message).toMatch(/password/);
      const changed = await admin
        .post('/api/auth/password')
        .send({ currentPassword: TEST_ADMIN.password, newPassword: password })
        .expect(400);
      expect(changed.body.message).toMatch(/^newPassword: /);
    }
    await choose('a sound staff password').expect(200);
    await t.signIn(account.email, 'a sound staff password');
  });

  it('never returns password hashes from the staff list', async () => {
    const admin = await t.signIn();
    const res = await admin.get('/api/staff').expect(200);
    expect(res.body.length).toBeGreaterThan(0);
    expect(JSON.stringify(res.body)).not.toMatch(/argon2|passwordHash/);
  });
});
