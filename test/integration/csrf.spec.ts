import request, { type Agent } from 'supertest';
import { TEST_ADMIN } from '../utils/test-env';
import { startTestApp, type TestApp } from '../utils/test-app';

/** State-changing requests a browser marks as cross-site are refused, before they do anything. */
describe('cross-site request refusal', () => {
  let t: TestApp;
  let admin: Agent;
  const evil = 'https://evil.example';

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.signIn();
  });
  afterAll(() => t.close());

  it('refuses a sign-in posted from another site, and sets no session', async () => {
    const res = await request(t.url)
      .post('/api/auth/login')
      .set('Origin', evil)
      .send(TEST_ADMIN)
      .expect(403);
    expect(res.body.message).toContain(evil);
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('refuses a signed-in change from another site and changes nothing', async () => {
    await admin
      .post('/api/tags')
      .set('Origin', evil)
      .send({ name: 'Planted', color: '#1565c0' })
      .expect(403);
    await admin
      .post('/api/tags')
      .set('Sec-Fetch-Site', 'cross-site')
      .send({ name: 'Planted', color: '#1565c0' })
      .expect(403);
    expect(await t.query(`select name from tag`)).toEqual([]);
  });

  it('accepts the same change from the app itself, and reads from anywhere', async () => {
    await admin
      .post('/api/tags')
      .set('Origin', t.url)
      .send({ name: 'Ours', color: '#1565c0' })
      .expect(201);
    await admin.get('/api/tags').set('Origin', evil).expect(200);
  });

  it('leaves signed webhooks to their signature check', async () => {
    const res = await request(t.url)
      .post('/api/webhooks/resend')
      .set('Origin', evil)
      .send({ type: 'email.delivered', data: {} });
    expect(res.body.code).not.toBe('AUTH_FORBIDDEN');
  });
});
