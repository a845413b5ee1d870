import request from 'supertest';
import { migrationsList } from '../../server/database/migrations';
import { startTestApp, type TestApp } from '../utils/test-app';

describe('health and HTTP surface', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ CORS_ORIGINS: 'http://localhost:5173' });
  });
  afterAll(() => t.close());

  it('reports a missing worker as degraded (503), without a session', async () => {
    const res = await request(t.url).get('/api/health').expect(503);
    expect(res.body).toMatchObject({
      status: 'degraded',
      database: { ok: true },
      temporal: { ok: true },
      worker: { ok: false, pollers: 0 },
    });
    expect(res.body.worker.detail).toContain(t.config.TEMPORAL_TASK_QUEUE);
  });

  it('is ok once a worker polls, and the deep probe runs a workflow through it to the database', async () => {
    await t.startWorker();
    const deadline = Date.now() + 20_000;
    let res = await request(t.url).get('/api/health');
    while (res.status !== 200 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 250));
      res = await request(t.url).get('/api/health');
    }
    expect(res.body).toMatchObject({ status: 'ok', worker: { ok: true } });
    expect(res.status).toBe(200);

    const deep = await request(t.url).get('/api/health?deep=true').expect(200);
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
  });

  it('sends security headers and exposes Content-Range to allowed CORS origins only', async () => {
    const agent = await t.signIn();
    const res = await agent.get('/api/clients').set('Origin', 'http://localhost:5173').expect(200);
    expect(res.headers['access-control-expose-headers']).toBe('Content-Range');
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
