import request from 'supertest';
import { signInWithSecondFactor } from '../utils/second-factor';
import { TcpRelay } from '../utils/tcp-relay';
import { TEST_ADMIN } from '../utils/test-env';
import { startTestApp, type TestApp } from '../utils/test-app';

/**
 * An API whose database stops answering tells the caller so, as a 503 it can retry, instead of
 * an internal error (or, frozen, after the pool's 30 s create timeout).
 */
describe('requests while the database is unreachable', () => {
  let t: TestApp;
  let relay: TcpRelay;
  let twin: { url: string; close(): Promise<void> };
  let staff: request.Agent;

  beforeAll(async () => {
    t = await startTestApp();
    const url = new URL(t.config.DATABASE_URL);
    relay = await TcpRelay.start(`${url.hostname}:${url.port}`);
    url.port = String(relay.port);
    twin = await t.startTwin({ DATABASE_URL: url.toString(), DATABASE_QUERY_TIMEOUT_MS: 2000 });
    staff = await signInWithSecondFactor(
      request.agent(twin.url),
      t.config.DATABASE_URL,
      TEST_ADMIN,
    );
  });
  afterAll(async () => {
    await relay.relay();
    await twin.close();
    await relay.close();
    await t.close();
  });

  afterEach(async () => {
    await relay.relay();
    await staff.get('/api/clients').expect(200);
  });

  const unavailable = {
    code: 'DATABASE_UNAVAILABLE',
    message: 'The database is not answering. Try again shortly.',
  };

  it('answers 503 DATABASE_UNAVAILABLE when nothing listens on its port', async () => {
    await staff.get('/api/clients').expect(200);
    await relay.close();
    const res = await staff.get('/api/clients').expect(503);
    expect(res.body).toMatchObject(unavailable);
  });

  it('answers 503 within seconds when the database accepts connections and never answers', async () => {
    // Pooled connections are dropped, so the request needs a new one, which hangs.
    await relay.relay();
    relay.freeze();
    const started = Date.now();
    const res = await staff.get('/api/clients').timeout(20_000).expect(503);
    expect(res.body).toMatchObject(unavailable);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('answers 503 after the query deadline when the database freezes under pooled connections', async () => {
    // The pool holds open connections; their statements get no answer, and no new one is needed.
    await staff.get('/api/clients').expect(200);
    relay.freeze();
    const started = Date.now();
    const res = await staff.get('/api/clients').timeout(20_000).expect(503);
    expect(res.body).toMatchObject(unavailable);
    expect(Date.now() - started).toBeLessThan(8_000);
  });
});
