import type { INestApplication } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { Client as Pg } from 'pg';
import request from 'supertest';
import type { Agent } from 'supertest';
import { createApp } from '../../server/app.factory';
import { clientImportUndoWorkflowId } from '../../workflows/client-import/client-import.contract';
import { csvOf, person, runImport, waitForImport } from '../utils/imports';
import { signInWithSecondFactor } from '../utils/second-factor';
import { startTestApp, type TestApp } from '../utils/test-app';
import { TEST_ADMIN, testServices } from '../utils/test-env';

/**
 * Cancel and undo at every stage and in every race: work in flight stops (a statement waiting
 * on a lock is cancelled), the job reaches its end state within 10 s, every row processed is
 * counted once, and a status change that cannot reach Temporal is rolled back.
 */
describe('import cancel and undo', () => {
  let t: TestApp;
  let admin: Agent;
  const scalar = async (sql: string, params: unknown[] = []) =>
    Object.values((await t.query(sql, params))[0])[0];

  beforeAll(async () => {
    t = await startTestApp({ IMPORT_CHUNK_SIZE: '50' });
    await t.startWorker();
    admin = await t.signIn();
  });
  afterAll(() => t.close());

  /** Holds `lock table …` in its own transaction until release() is called. */
  async function holdLock(table: string): Promise<{ release(): Promise<void> }> {
    const pg = new Pg({ connectionString: t.db.url });
    await pg.connect();
    await pg.query('begin');
    await pg.query(`lock table ${table} in exclusive mode`);
    return {
      async release() {
        await pg.query('rollback');
        await pg.end();
      },
    };
  }

  /** Waits until a backend of the app's database waits on a lock (the import is blocked). */
  async function untilBlocked(): Promise<void> {
    for (let i = 0; i < 200; i++) {
      const n = await scalar(
        `select count(*)::int from pg_stat_activity
         where datname = current_database() and wait_event_type = 'Lock'`,
      );
      if (Number(n) > 0) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('the import never blocked on the held lock');
  }

  const rows = (from: number, n: number) =>
    csvOf(Array.from({ length: n }, (_, i) => person(from + i)));

  it('cancels while staging: the blocked statement is cancelled and nothing is kept', async () => {
    const lock = await holdLock('import_row');
    try {
      const res = await admin
        .post('/api/imports')
        .attach('file', rows(20_000, 500), 'a.csv')
        .expect(202);
      await untilBlocked();
      expect((await admin.get(`/api/imports/${res.body.id}`)).body.status).toBe('parsing');
      const asked = Date.now();
      await admin.post(`/api/imports/${res.body.id}/cancel`).expect(202);
      const job = await waitForImport(admin, res.body.id, ['cancelled', 'failed'], 10_000);
      expect(Date.now() - asked).toBeLessThan(10_000);
      expect(job).toMatchObject({ status: 'cancelled', processed: 0, created: 0 });
    } finally {
      await lock.release();
    }
  });

  it('cancels while processing: chunks in flight roll back and every counted row exists once', async () => {
    const lock = await holdLock('client');
    let id: string;
    try {
      const res = await admin
        .post('/api/imports')
        .attach('file', rows(30_000, 400), 'b.csv')
        .expect(202);
      id = res.body.id;
      await waitForImport(admin, id, ['processing']);
      await untilBlocked();
      const asked = Date.now();
      await admin.post(`/api/imports/${id}/cancel`).expect(202);
      const job = await waitForImport(admin, id, ['cancelled', 'failed'], 10_000);
      expect(Date.now() - asked).toBeLessThan(10_000);
      expect(job.status).toBe('cancelled');
    } finally {
      await lock.release();
    }
    // Nothing commits after the end: the counters still match the rows written.
    await new Promise((r) => setTimeout(r, 1000));
    const job = (await admin.get(`/api/imports/${id}`).expect(200)).body;
    expect(job.processed).toBe(
      await scalar(`select count(*)::int from import_row_outcome where import_id = $1`, [id]),
    );
    expect(job.created).toBe(
      await scalar(`select count(*)::int from client where tax_client_id between $1 and $2`, [
        'TX-030000',
        'TX-030399',
      ]),
    );
    // An ended import answers 409 with why, and stays cancelled.
    const again = await admin.post(`/api/imports/${id}/cancel`).expect(409);
    expect(again.body.message).toMatch(/already ended \(cancelled\)/);
  });

  it('a cancel racing the end never overwrites completed', async () => {
    const job = await runImport(admin, rows(40_000, 3), 'c.csv');
    expect(job.status).toBe('completed');
    await admin.post(`/api/imports/${job.id}/cancel`).expect(409);
    expect((await admin.get(`/api/imports/${job.id}`)).body.status).toBe('completed');
  });

  it('re-analyses the imported tables after a large import and its undo, not after a small one', async () => {
    const now = () => scalar('select now()');
    // last_analyze is set by an ANALYZE statement only, never by autovacuum.
    const analysedSince = (since: unknown) =>
      scalar(
        `select count(*)::int from pg_stat_user_tables where last_analyze >= $1
           and relname in ('client', 'contact', 'client_contact', 'client_tag')`,
        [since],
      );
    // The job shows its end before the last activity (the analysis) is done: wait for the workflow.
    const temporal = await Connection.connect({ address: testServices().temporalAddress });
    const ended = (workflowId: string) =>
      new Client({ connection: temporal }).workflow.getHandle(workflowId).result();
    try {
      const beforeSmall = await now();
      const small = await runImport(admin, rows(48_000, 5), 'small.csv');
      await ended(small.workflowId);
      expect(await analysedSince(beforeSmall)).toBe(0);

      const beforeLarge = await now();
      const job = await runImport(admin, rows(60_000, 1000), 'large.csv');
      expect(job).toMatchObject({ status: 'completed', created: 1000 });
      await ended(job.workflowId);
      expect(await analysedSince(beforeLarge)).toBe(4);

      const beforeUndo = await now();
      await admin.post(`/api/imports/${job.id}/undo`).expect(202);
      expect(await waitForImport(admin, job.id, ['undone'])).toMatchObject({
        undoReport: { deleted: 1000 },
      });
      await ended(clientImportUndoWorkflowId(job.id));
      expect(await analysedSince(beforeUndo)).toBe(4);
    } finally {
      await temporal.close();
    }
  });

  it('a cancel whose workflow is gone ends the job cancelled instead of failing for good', async () => {
    // A job left running by a workflow that ended without it (terminated in the Web UI, say).
    const { id, workflowId } = await runImport(admin, rows(45_000, 1), 'gone.csv');
    const temporal = await Connection.connect({ address: testServices().temporalAddress });
    try {
      await new Client({ connection: temporal }).workflow.getHandle(workflowId).result();
    } finally {
      await temporal.close();
    }
    await t.query(`update import_job set status = 'processing' where id = $1`, [id]);
    const res = await admin.post(`/api/imports/${id}/cancel`).expect(202);
    expect(res.body.status).toBe('cancelled');
  });

  it('a workflow whose start was rolled back (its answer lost) changes nothing', async () => {
    const job = await runImport(admin, rows(47_000, 2), 'lost.csv');
    const temporal = await Connection.connect({ address: testServices().temporalAddress });
    const client = new Client({ connection: temporal });
    const startLate = (workflow: string, args: unknown[]) =>
      client.workflow.execute(workflow, {
        workflowId: `late-${workflow}-${job.id}`,
        taskQueue: t.config.TEMPORAL_TASK_QUEUE,
        args,
      });
    try {
      // The API answered 503 and put the job back to completed: the undo must not delete.
      const undone = await startLate('clientImportUndoWorkflow', [
        { importId: job.id, total: job.total, chunkSize: 50 },
      ]);
      expect(undone).toMatchObject({ deleted: 0, restored: 0 });
      expect(
        await scalar(`select count(*)::int from client where tax_client_id like 'TX-04700%'`),
      ).toBe(2);
      // An import recorded as failed at its start stages nothing when its workflow runs after all.
      await t.query(`update import_job set status = 'failed' where id = $1`, [job.id]);
      const staged = await startLate('clientImportWorkflow', [
        { importId: job.id, chunkSize: 50, concurrency: 1 },
      ]);
      expect(staged).toMatchObject({ status: 'failed', total: 0, processed: 0 });
      expect((await admin.get(`/api/imports/${job.id}`)).body.status).toBe('failed');
    } finally {
      await temporal.close();
    }
  });

  describe('with Temporal unreachable', () => {
    let down: INestApplication;
    let offline: Agent;

    beforeAll(async () => {
      // The same database, but Temporal at a port nobody listens on.
      down = await createApp({ ...t.config, TEMPORAL_ADDRESS: '127.0.0.1:1' });
      await down.listen(0, '127.0.0.1');
      const url = (await down.getUrl()).replace('[::1]', '127.0.0.1');
      offline = await signInWithSecondFactor(request.agent(url), t.config.DATABASE_URL, TEST_ADMIN);
    });
    afterAll(() => down.close());

    it('undo answers 503 and the import stays undoable', async () => {
      const job = await runImport(admin, rows(50_000, 2), 'd.csv');
      const res = await offline.post(`/api/imports/${job.id}/undo`).expect(503);
      expect(res.body).toMatchObject({
        code: 'WORKFLOWS_UNAVAILABLE',
        message: expect.stringMatching(/not reachable, so nothing changed/),
      });
      expect((await admin.get(`/api/imports/${job.id}`)).body.status).toBe('completed');
      await admin.post(`/api/imports/${job.id}/undo`).expect(202);
      expect((await waitForImport(admin, job.id, ['undone'])).undoReport?.deleted).toBe(2);
    });

    it('cancel answers 503 and the import keeps running to its end', async () => {
      const lock = await holdLock('client');
      let id: string;
      try {
        const res = await admin
          .post('/api/imports')
          .attach('file', rows(60_000, 20), 'e.csv')
          .expect(202);
        id = res.body.id;
        await waitForImport(admin, id, ['processing']);
        await offline.post(`/api/imports/${id}/cancel`).expect(503);
        expect((await admin.get(`/api/imports/${id}`)).body.status).toBe('processing');
      } finally {
        await lock.release();
      }
      expect((await waitForImport(admin, id)).status).toBe('completed');
    });
  });
});
