import request from 'supertest';
import { TEST_ADMIN } from '../utils/test-env';
import { createStaff } from '../utils/people';
import { startTestApp, type TestApp } from '../utils/test-app';

/**
 * Sign-in throttling: per address across logins, per address (or known device) per login, and
 * per login across unknown devices; all kept in PostgreSQL. Addresses come from
 * X-Forwarded-For, which the API trusts from loopback (its reverse proxy).
 */
describe('sign-in throttling', () => {
  let t: TestApp;
  const login = (from: string, body: object, url = t.url) =>
    request(url).post('/api/auth/login').set('X-Forwarded-For', from).send(body);
  const wrong = (email: string) => ({ email, password: 'wrong-password' });

  beforeAll(async () => {
    t = await startTestApp({
      LOGIN_RATE_LIMIT_PER_MINUTE: '3',
      LOGIN_MAX_FAILURES: '2',
      LOGIN_ACCOUNT_MAX_FAILURES: '4',
    });
  });
  afterAll(() => t.close());

  it('answers 429 once an address exceeds its sign-in attempts, whatever the emails', async () => {
    for (const n of [1, 2, 3]) {
      await request(t.url)
        .post('/api/auth/login')
        .send({ email: `user${n}@x.test`, password: 'wrong-password' })
        .expect(401);
    }
    const res = await request(t.url)
      .post('/api/auth/login')
      .send({ email: 'user4@x.test', password: 'x' })
      .expect(429);
    expect(res.body).toMatchObject({ statusCode: 429, code: 'TOO_MANY_REQUESTS' });
    // other routes are not throttled
    await request(t.url).get('/api/health');
    await request(t.url).get('/api/auth/me').expect(401);
  });

  it("locks a stranger out, not the account: the first admin still signs in, and the stranger's lockouts grow", async () => {
    await login('203.0.113.1', wrong(TEST_ADMIN.email)).expect(401);
    const locked = await login('203.0.113.1', wrong(TEST_ADMIN.email)).expect(429);
    expect(locked.body).toMatchObject({ code: 'AUTH_LOCKED' });
    expect(locked.body.message).toMatch(/Try again in 1 minute\./);
    await login('203.0.113.1', TEST_ADMIN).expect(429);
    await login('198.51.100.1', TEST_ADMIN).expect(200);

    // Once that lockout is over, the next one lasts twice as long.
    await t.query(`update login_throttle set locked_until = now() where source = 'ip:203.0.113.1'`);
    await t.query('delete from request_throttle');
    await login('203.0.113.1', wrong(TEST_ADMIN.email)).expect(401);
    const longer = await login('203.0.113.1', wrong(TEST_ADMIN.email)).expect(429);
    expect(longer.body.message).toMatch(/Try again in 2 minutes\./);
  });

  it('locks a login guessed from many addresses for new devices only; a known device signs in and lifts it', async () => {
    const admin = await t.signIn();
    const user = { email: 'spread@clienthub.test', password: 'spread staff password' };
    await createStaff(
      t,
      admin,
      { email: user.email, firstName: 'S', lastName: 'P' },
      user.password,
    );
    const laptop = request.agent(t.url);
    await laptop
      .post('/api/auth/login')
      .set('X-Forwarded-For', '198.51.100.2')
      .send(user)
      .expect(200);

    for (const n of [11, 12, 13]) await login(`203.0.113.${n}`, wrong(user.email)).expect(401);
    await login('203.0.113.14', wrong(user.email)).expect(429);
    const newDevice = await login('203.0.113.20', user).expect(429);
    expect(newDevice.body.code).toBe('AUTH_LOCKED');

    // The laptop is known (its device cookie), wherever it is now; its sign-in ends the lock.
    await laptop.post('/api/auth/login').set('X-Forwarded-For', '192.0.2.5').send(user).expect(200);
    await login('203.0.113.21', user).expect(200);
  });

  it('forgets failures that no longer count and devices whose cookie has expired', async () => {
    await t.query(`insert into login_throttle (login, source, failures, updated_at, locked_until)
      values ('stale@x.test', 'ip:192.0.2.60', 1, now() - interval '2 days', null),
             ('held@x.test', 'ip:192.0.2.61', 0, now() - interval '2 days', now() + interval '1 hour')`);
    await t.query(`insert into known_device (token_hash, login, last_seen_at)
      values ('expired', 'old@x.test', now() - interval '400 days'),
             ('recent', 'old@x.test', now() - interval '10 days')`);

    await login('192.0.2.62', wrong('someone@x.test')).expect(401);
    const throttled = await t.query<{ login: string }>('select login from login_throttle');
    expect(throttled.map((r) => r.login)).toEqual(
      expect.arrayContaining(['held@x.test', 'someone@x.test']),
    );
    expect(throttled.map((r) => r.login)).not.toContain('stale@x.test');

    await login('192.0.2.63', TEST_ADMIN).expect(200);
    const devices = await t.query<{ token_hash: string }>(
      `select token_hash from known_device where login = 'old@x.test'`,
    );
    expect(devices.map((r) => r.token_hash)).toEqual(['recent']);
  });

  it('checks no more wrong passwords than the limit allows when they arrive at once, at either API process', async () => {
    const second = await t.startTwin();
    try {
      const email = 'burst@clienthub.test';
      const answers = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          login(`198.51.100.${100 + i}`, wrong(email), i % 2 ? second.url : t.url),
        ),
      );
      // The fourth failure from unknown devices locks the login: three are answered as wrong,
      // the fourth starts the lockout, and the rest are refused before any password is checked.
      const codes = answers.map((r) => r.body.code);
      expect(codes.filter((c) => c === 'AUTH_INVALID_CREDENTIALS')).toHaveLength(3);
      expect(codes.filter((c) => c === 'AUTH_LOCKED')).toHaveLength(9);
    } finally {
      await second.close();
    }
  });

  it('believes X-Forwarded-For only from the proxies TRUST_PROXY names', async () => {
    const sources = async (email: string) =>
      (
        await t.query<{ source: string }>(
          `select source from login_throttle where login = $1 and source like 'ip:%'`,
          [email],
        )
      ).map((r) => r.source);
    await login('203.0.113.40', wrong('via-loopback@x.test')).expect(401);
    expect(await sources('via-loopback@x.test')).toEqual(['ip:203.0.113.40']);

    // A proxy on a container network only: a loopback peer's header is anyone's claim.
    const strict = await t.startTwin({ TRUST_PROXY: ['10.0.0.0/8'] });
    try {
      await login('203.0.113.41', wrong('via-network@x.test'), strict.url).expect(401);
      expect(await sources('via-network@x.test')).toEqual(['ip:127.0.0.1']);
    } finally {
      await strict.close();
    }
  });

  it('counts attempts in PostgreSQL, so two API processes share the limits', async () => {
    const second = await t.startTwin();
    try {
      const email = 'shared@clienthub.test';
      await login('203.0.113.30', wrong(email)).expect(401);
      const locked = await login('203.0.113.30', wrong(email), second.url).expect(429);
      expect(locked.body.code).toBe('AUTH_LOCKED');
      await login('203.0.113.30', wrong(email)).expect(429);
      const limited = await login('203.0.113.30', wrong(email), second.url).expect(429);
      expect(limited.body.code).toBe('TOO_MANY_REQUESTS');
    } finally {
      await second.close();
    }
  });
});
