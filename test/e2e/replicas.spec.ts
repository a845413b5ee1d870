import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import request, { type Agent } from 'supertest';
import { TemporalService } from '../../server/temporal/temporal.service';
import { spawnApi, stopProcess, type ApiProcess } from '../utils/api-process';
import {
  csvOf,
  downloadBytes,
  expectCompletedAfterKill,
  person,
  waitForImport,
  type ImportJobBody,
} from '../utils/imports';
import { contactWithPassword } from '../utils/people';
import { signInSteps } from '../utils/second-factor';
import { startTestApp, type TestApp } from '../utils/test-app';
import { TEST_ADMIN } from '../utils/test-env';
import { spawnWorker } from '../utils/worker-process';

const ROWS = 10_000;
/** The APIs' settings: low sign-in limits, and imports in many chunks (the API sets their size). */
const API_ENV = {
  LOGIN_MAX_FAILURES: '3',
  LOGIN_RATE_LIMIT_PER_MINUTE: '6',
  IMPORT_CHUNK_SIZE: '250',
};

/**
 * Two API processes and two worker processes, as `npm start` runs them, each with a data
 * directory of its own, on one PostgreSQL, one Temporal and one S3 bucket: whatever one process
 * did, the others see. (The test app supplies the database, bucket and task queue; its own
 * in-process API serves nothing here, its Temporal client only looks.)
 */
describe('replicas', () => {
  let t: TestApp;
  let api: [ApiProcess, ApiProcess];
  const workers: ChildProcess[] = [];

  /** The admin's session, begun on the first API. */
  let adminCookie: string[];

  /** An agent on `url` carrying `cookie`: a session one API gave, used on any. */
  const as = (url: string, cookie: string[]): Agent => request.agent(url).set('Cookie', cookie);
  const signIn = async (
    url: string,
    credentials: { email: string; password: string; portal?: boolean },
  ): Promise<string[]> =>
    (await signInSteps(request.agent(url), t.config.DATABASE_URL, credentials)).get('Set-Cookie')!;

  beforeAll(async () => {
    t = await startTestApp();
    const own = (name: string) => ({ DATA_DIR: `${t.config.DATA_DIR}/${name}` });
    for (const name of ['worker-1', 'worker-2']) {
      workers.push(spawnWorker(t, own(name)));
    }
    api = await Promise.all([
      spawnApi(t, { ...API_ENV, ...own('api-1') }),
      spawnApi(t, { ...API_ENV, ...own('api-2') }),
    ]);
    adminCookie = await signIn(api[0].url, TEST_ADMIN);
    // Both workers polling before any work is queued, so either may take it.
    const deadline = Date.now() + 60_000;
    while ((await request(api[0].url).get('/api/health')).body.worker?.live !== 2) {
      if (Date.now() > deadline) throw new Error('The two workers did not come up');
      await new Promise((r) => setTimeout(r, 200));
    }
  }, 120_000);
  afterAll(async () => {
    await Promise.all([...(api ?? []).map((a) => a.child), ...workers].map(stopProcess));
    await t?.close();
  });

  it('serves a portal upload made through one API from the other, byte for byte', async () => {
    const admin = as(api[0].url, adminCookie);
    const clientId = (
      await admin.post('/api/clients').send({ companyName: 'Replica LLC' }).expect(201)
    ).body.id;
    const contact = { email: 'pat@example.com', password: 'pat portal password 1' };
    await contactWithPassword(t, admin, contact, clientId, 'contact_collaborator');
    const content = Buffer.concat([
      Buffer.from('%PDF-1.4\n%', 'latin1'),
      randomBytes(512 * 1024),
      Buffer.from('\n%%EOF\n', 'latin1'),
    ]);

    const contactCookie = await signIn(api[0].url, { ...contact, portal: true });
    const uploaded = await as(api[0].url, contactCookie)
      .post(`/api/portal/clients/${clientId}/files`)
      .attach('file', content, 'return.pdf')
      .expect(201);

    const onSecond = as(api[1].url, contactCookie);
    const mine = await downloadBytes(onSecond, `/api/portal/files/${uploaded.body.id}/download`);
    expect(mine.equals(content)).toBe(true);
    const staff = as(api[1].url, adminCookie);
    const theirs = await downloadBytes(staff, `/api/files/${uploaded.body.id}/download`);
    expect(theirs.equals(content)).toBe(true);
  });

  it('imports a file uploaded through the second API; the first serves its exception report', async () => {
    const rows = Array.from({ length: 40 }, (_, i) => person(900_000 + i));
    rows.push(person(900_040, { Email: 'not-an-email' }));
    const res = await as(api[1].url, adminCookie)
      .post('/api/imports')
      .attach('file', csvOf(rows), 'small.csv');
    expect(res.status).toBe(202);
    const onFirst = as(api[0].url, adminCookie);
    expect(await waitForImport(onFirst, res.body.id)).toMatchObject({
      status: 'completed',
      created: 40,
      failed: 1,
    });
    const report = await onFirst.get(`/api/imports/${res.body.id}/exceptions.csv`).expect(200);
    const lines = report.text.trim().split(/\r?\n/);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^42,First900040,.*not-an-email.*not a valid email/);
  });

  it('locks out and rate-limits sign-ins at the same count whichever API each attempt reaches', async () => {
    /** Sends attempts to `urls` in turn from `ip` until one is refused: its number, and why. */
    const firstRefusal = async (urls: string[], ip: string, body: (n: number) => object) => {
      for (let n = 1; n <= 20; n++) {
        const res = await request(urls[(n - 1) % urls.length])
          .post('/api/auth/login')
          .set('X-Forwarded-For', ip)
          .send(body(n));
        if (res.status !== 401) return { n, status: res.status, code: res.body.code };
      }
      throw new Error(`No attempt from ${ip} was refused`);
    };
    const one = [api[0].url];
    const both = api.map((a) => a.url);
    const wrongPassword = () => ({ email: TEST_ADMIN.email, password: 'not the password' });
    const lockout = { n: 3, status: 429, code: 'AUTH_LOCKED' };
    expect(await firstRefusal(one, '203.0.113.1', wrongPassword)).toEqual(lockout);
    expect(await firstRefusal(both, '203.0.113.2', wrongPassword)).toEqual(lockout);
    // Locked out on every API, even with the right password; another address is not.
    for (const { url } of api) {
      const res = await request(url)
        .post('/api/auth/login')
        .set('X-Forwarded-For', '203.0.113.2')
        .send(TEST_ADMIN);
      expect(res.body.code).toBe('AUTH_LOCKED');
    }
    await request(api[1].url)
      .post('/api/auth/login')
      .set('X-Forwarded-For', '203.0.113.3')
      .send(TEST_ADMIN)
      .expect(200);

    const strangers = (n: number) => ({ email: `guess${n}@x.test`, password: 'not the password' });
    const limited = { n: 7, status: 429, code: 'TOO_MANY_REQUESTS' };
    expect(await firstRefusal(one, '203.0.113.4', strangers)).toEqual(limited);
    expect(await firstRefusal(both, '203.0.113.5', strangers)).toEqual(limited);
  });

  it('completes an import, every row once, when one of the workers is killed mid-way', async () => {
    const admin = as(api[0].url, adminCookie);
    const rows = Array.from({ length: ROWS }, (_, i) => person(i + 1, { Tags: 'replica' }));
    const res = await admin.post('/api/imports').attach('file', csvOf(rows), 'large.csv');
    expect(res.status).toBe(202);

    // The worker running one of its chunks right now (Temporal names it pid@host) is killed.
    const temporal = t.app.get(TemporalService).client;
    let job: ImportJobBody;
    let victim: ChildProcess | undefined;
    const deadline = Date.now() + 60_000;
    do {
      await new Promise((r) => setTimeout(r, 50));
      job = (await admin.get(`/api/imports/${res.body.id}`).expect(200)).body;
      if (job.status !== 'processing' || job.processed < ROWS / 10) continue;
      const { raw } = await temporal.workflow.getHandle(job.workflowId).describe();
      const busy = raw.pendingActivities
        ?.filter((a) => a.activityType?.name === 'processImportChunk')
        .map((a) => a.lastWorkerIdentity);
      victim = workers.find((w) => busy?.includes(`${w.pid}@${hostname()}`));
    } while (!victim && job.status !== 'completed' && Date.now() < deadline);
    expect(victim).toBeDefined();
    victim!.kill('SIGKILL');
    await expectCompletedAfterKill(admin, res.body.id, ROWS, job.processed, 120_000);

    const [counts] = await t.query(
      `select (select count(*)::int from client where tax_client_id < 'TX-900000') as clients,
              (select count(distinct tax_client_id)::int from client
                 where tax_client_id < 'TX-900000') as distinct_clients,
              (select count(*)::int from import_row_outcome
                 where import_id = $1 and outcome = 'created') as created`,
      [res.body.id],
    );
    expect(counts).toEqual({ clients: ROWS, distinct_clients: ROWS, created: ROWS });
  }, 180_000);
});
