import type { ChildProcess } from 'node:child_process';
import request from 'supertest';
import { migrationsList } from '../../server/database/migrations';
import { HEARTBEAT_FRESH_MS } from '../../server/modules/health/worker-heartbeats';
import { TemporalService } from '../../server/temporal/temporal.service';
import { eventually } from '../utils/invitations';
import { TcpRelay } from '../utils/tcp-relay';
import { startTestApp, type TestApp } from '../utils/test-app';
import { spawnWorker } from '../utils/worker-process';

const HEALTH_TOKEN = 'a-monitor-token-of-at-least-32-characters';

describe('health and HTTP surface', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ CORS_ORIGINS: 'http://localhost:5173', HEALTH_TOKEN });
  });
  afterAll(() => t.close());

  it('reports a missing worker as degraded (503), without a session', async () => {
    const res = await request(t.url).get('/api/health').expect(503);
    expect(res.body).toMatchObject({
      status: 'degraded',
      database: { ok: true },
      temporal: { ok: true },
      worker: { ok: false, live: 0, pollers: 0 },
    });
    expect(res.body.worker.detail).toContain(t.config.TEMPORAL_TASK_QUEUE);
  });

  it('answers within seconds, database down, while the database is frozen', async () => {
    const url = new URL(t.config.DATABASE_URL);
    const relay = await TcpRelay.start(`${url.hostname}:${url.port}`);
    url.port = String(relay.port);
    const twin = await t.startTwin({ DATABASE_URL: url.toString() });
    try {
      await request(twin.url).get('/api/health').expect(503);
      relay.freeze();
      // Past the once-a-second reuse of the last report.
      await new Promise((resolve) => setTimeout(resolve, 1100));
      // Before, the report waited on the database for as long as it was frozen.
      const res = await request(twin.url).get('/api/health').timeout(10_000).expect(503);
      expect(res.body.database).toMatchObject({ ok: false, detail: 'no answer within 2 s' });
    } finally {
      await relay.relay();
      await twin.close();
      await relay.close();
    }
  });

  it('keeps the deep check (it starts a workflow) to staff and the health token', async () => {
    for (const authorization of [undefined, 'Bearer wrong', `Basic ${HEALTH_TOKEN}`]) {
      const req = request(t.url).get('/api/health?deep=true');
      const res = await (authorization ? req.set('Authorization', authorization) : req).expect(401);
      expect(res.body.message).toMatch(/^deep: sign in as staff, or send the health token/);
    }
    await request(t.url).get('/api/health?deep=1').expect(401);
  });

  it('is ok once a worker polls, and the deep probe runs a workflow through it to the database', async () => {
    await t.startWorker();
    const res = await eventually('worker up', async () => {
      const r = await request(t.url).get('/api/health');
      return r.status === 200 && r;
    });
    expect(res.body).toMatchObject({ status: 'ok', worker: { ok: true, live: 1 } });

    const admin = await t.signIn();
    const deep = await admin.get('/api/health?deep=true').expect(200);
    expect(deep.body.probe).toMatchObject({
      ok: true,
      workflowId: expect.stringMatching(/^health-probe-/),
      result: {
        serverVersion: expect.stringMatching(/^\d+/),
        migrationsApplied: migrationsList.length,
      },
    });
    const { status } = await t.app
      .get(require('../../server/temporal/temporal.service').TemporalService)
      .client.workflow.getHandle(deep.body.probe.workflowId)
      .describe();
    expect(status.name).toBe('COMPLETED');

    // However many ask at once, one probe workflow answers them all, and one plain check.
    const reachability = jest.spyOn(t.app.get(TemporalService), 'reachability');
    await new Promise((r) => setTimeout(r, 1100));
    const burst = await Promise.all([
      ...Array.from({ length: 10 }, () => admin.get('/api/health?deep=true').expect(200)),
      ...Array.from({ length: 10 }, () =>
        request(t.url)
          .get('/api/health?deep=true')
          .set('Authorization', `Bearer ${HEALTH_TOKEN}`)
          .expect(200),
      ),
      ...Array.from({ length: 30 }, () => request(t.url).get('/api/health').expect(200)),
    ]);
    const probes = new Set(burst.map((r) => r.body.probe?.workflowId).filter(Boolean));
    expect([...probes]).toEqual([deep.body.probe.workflowId]);
    expect(reachability).toHaveBeenCalledTimes(1);
    reachability.mockRestore();
  });

  it('starts one probe workflow for all API processes, whichever is asked', async () => {
    const apis = await Promise.all([t.startTwin(), t.startTwin()]);
    const urls = apis.map((api) => api.url);
    try {
      // The last probe is over ten seconds old: the next deep check starts one.
      await t.query(`update health_probe set started_at = started_at - interval '1 minute'`);
      const answers = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          request(urls[i % 2])
            .get('/api/health?deep=true')
            .set('Authorization', `Bearer ${HEALTH_TOKEN}`)
            .expect(200),
        ),
      );
      const probes = new Set(answers.map((r) => r.body.probe.workflowId));
      expect(probes.size).toBe(1);
      expect(answers[0].body.probe).toMatchObject({ ok: true });
    } finally {
      await Promise.all(apis.map((api) => api.close()));
    }
  });

  it('sends security headers and exposes Content-Range to allowed CORS origins only', async () => {
    const agent = await t.signIn();
    const res = await agent.get('/api/clients').set('Origin', 'http://localhost:5173').expect(200);
    expect(res.headers['access-control-expose-headers']).toBe('Content-Range,X-Total-Estimated');
    expect(res.headers['access-control-allow-credentials']).toBe('true');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    // served over plain HTTP: nothing may push the browser to an HTTPS port that is not there
    expect(res.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
    expect(res.headers['strict-transport-security']).toBeUndefined();
    const other = await agent.get('/api/clients').set('Origin', 'https://evil.example').expect(200);
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('serves the API docs and the console', async () => {
    await request(t.url).get('/api/docs').expect(200).expect('Content-Type', /html/);
    const spec = await request(t.url).get('/api/docs-json').expect(200);
    expect(Object.keys(spec.body.paths)).toEqual(
      expect.arrayContaining(['/api/clients', '/api/clients/bulk/tags']),
    );
    await request(t.url).get('/').expect(302).expect('Location', '/admin/');
    await request(t.url).get('/admin/clients').expect(200).expect('Content-Type', /html/);
    await request(t.url).get('/portal').expect(200).expect('Content-Type', /html/);
  });
});

/**
 * A worker counts only while it proves it is alive: the real worker process is frozen
 * (SIGSTOP) while Temporal still lists it among the task queue's pollers.
 */
describe('health with a frozen worker', () => {
  let t: TestApp;
  let worker: ChildProcess;
  const health = () => request(t.url).get('/api/health');

  beforeAll(async () => {
    t = await startTestApp();
    worker = spawnWorker(t);
  });
  afterAll(async () => {
    worker.kill('SIGKILL');
    await t.close();
  });

  it('reports a frozen worker down within seconds, and counts each live worker', async () => {
    await eventually('worker up', async () => (await health()).status === 200, 30_000);
    worker.kill('SIGSTOP');
    const frozenAt = Date.now();
    const down = await eventually(
      'frozen worker reported down',
      async () => {
        const r = await health();
        return r.status === 503 && r.body;
      },
      HEARTBEAT_FRESH_MS + 10_000,
    );
    expect(Date.now() - frozenAt).toBeLessThan(HEARTBEAT_FRESH_MS + 5000);
    expect(down.worker).toMatchObject({ ok: false, live: 0 });
    expect(down.worker.pollers).toBeGreaterThan(0);

    worker.kill('SIGCONT');
    await eventually('thawed worker up', async () => (await health()).status === 200, 30_000);
    await t.startWorker();
    const both = await eventually('two live workers', async () => {
      const r = await health();
      return r.body.worker.live === 2 && r.body;
    });
    expect(both).toMatchObject({ status: 'ok', worker: { ok: true, live: 2 } });
  });
});
