import request from 'supertest';
import { startTestApp, type TestApp } from '../utils/test-app';

describe('sign-in rate limit per IP', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ LOGIN_RATE_LIMIT_PER_MINUTE: '3' });
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
});
