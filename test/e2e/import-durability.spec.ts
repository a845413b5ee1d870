import type { ChildProcess } from 'node:child_process';
import type { Agent } from 'supertest';
import { csvOf, expectCompletedAfterKill, person, waitForImport } from '../utils/imports';
import { startTestApp, type TestApp } from '../utils/test-app';
import { spawnWorker } from '../utils/worker-process';

const ROWS = 20_000;

/**
 * The real worker process (built by `npm test`) is SIGKILLed in the middle of a 20k-row import
 * and started again: the import completes with every row accounted for exactly once.
 */
describe('import durability', () => {
  let t: TestApp;
  let admin: Agent;
  let worker: ChildProcess | undefined;

  const startWorker = () => {
    worker = spawnWorker(t);
  };

  beforeAll(async () => {
    t = await startTestApp({ IMPORT_CHUNK_SIZE: '500' });
    admin = await t.signIn();
  });
  afterAll(async () => {
    worker?.kill('SIGKILL');
    await t.close();
  });

  it('survives a SIGKILL of the worker mid-import', async () => {
    const file = csvOf(
      Array.from({ length: ROWS }, (_, i) => person(i + 1, { Tags: i % 2 ? 'odd' : 'even' })),
    );
    const res = await admin
      .post('/api/imports')
      .attach('file', file, 'twenty-thousand.csv')
      .expect(202);
    startWorker();

    const deadline = Date.now() + 60_000;
    let job = await waitForImport(admin, res.body.id, ['processing', 'completed']);
    while (job.processed < ROWS / 4 && job.status !== 'completed' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20));
      job = (await admin.get(`/api/imports/${res.body.id}`)).body;
    }
    expect(job.status).toBe('processing'); // killed mid-way, not after the end
    worker!.kill('SIGKILL');
    const processedAtKill = job.processed;

    startWorker();
    await expectCompletedAfterKill(admin, res.body.id, ROWS, processedAtKill, 180_000);

    const q = async (sql: string) => (await t.query(sql))[0];
    expect(
      await q(`select count(*)::int as n, count(distinct tax_client_id)::int as d from client`),
    ).toEqual({ n: ROWS, d: ROWS });
    expect(
      await q(`select count(*)::int as n from import_row_outcome where outcome = 'created'`),
    ).toEqual({ n: ROWS });
    expect(await q(`select count(*)::int as n from client_tag`)).toEqual({ n: ROWS });
    expect(await q(`select count(*)::int as n from contact`)).toEqual({ n: ROWS });
  }, 240_000);
});
