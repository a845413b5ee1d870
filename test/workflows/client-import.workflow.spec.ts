import { randomBytes } from 'node:crypto';
import { ApplicationFailure, Context } from '@temporalio/activity';
import { Client, Connection, WorkflowFailedError } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import {
  cancelImportSignal,
  importProgressQuery,
  type ClientImportActivities,
  type ImportCounts,
} from '../../workflows/client-import/client-import.contract';
import { TEST_WORKFLOW_BUNDLE, testServices } from '../utils/test-env';

/**
 * The workflow's own logic on the real Temporal server, with activities that record calls
 * instead of touching the database (those are covered by the integration tests).
 */
describe('clientImportWorkflow', () => {
  let connection: Connection;
  let client: Client;
  const calls: string[] = [];
  let chunkGate: Promise<void> = Promise.resolve();
  let failChunkAt: number | undefined;
  let stagingHangs = false;

  const activities: ClientImportActivities = {
    async stageImportFile() {
      // A long parse: heartbeats until Temporal cancels it (ctx.sleep then throws).
      const ctx = Context.current();
      while (stagingHangs) {
        ctx.heartbeat();
        await ctx.sleep(100).catch((e: unknown) => {
          calls.push('staging cancelled');
          throw e;
        });
      }
      return { total: 10, failed: 1 };
    },
    async processImportChunk(_id, from, to): Promise<ImportCounts> {
      await chunkGate;
      calls.push(`chunk ${from}-${to}`);
      if (from === failChunkAt) throw ApplicationFailure.nonRetryable('disk full', 'TestFailure');
      return {
        processed: to - from + 1,
        created: to - from + 1,
        updated: 0,
        unchanged: 0,
        failed: 0,
      };
    },
    async finishImport(_id, status, error) {
      calls.push(`finish ${status}${error ? `: ${error}` : ''}`);
    },
    async undoImportChunk(_id, from) {
      calls.push(`undo ${from}`);
      if (from === failChunkAt)
        throw ApplicationFailure.nonRetryable('lock timeout', 'TestFailure');
      return { deleted: 2, restored: 1, skippedCount: 0, skipped: [] };
    },
    async finishUndo(_id, report) {
      calls.push(`undone ${report.deleted}/${report.restored}`);
    },
    async failUndo(_id, reason) {
      calls.push(`undo failed: ${reason}`);
    },
  };

  async function run<T>(work: (taskQueue: string) => Promise<T>): Promise<T> {
    const taskQueue = `wf-${randomBytes(4).toString('hex')}`;
    const worker = await Worker.create({
      connection: await NativeConnection.connect({ address: testServices().temporalAddress }),
      taskQueue,
      workflowBundle: { codePath: TEST_WORKFLOW_BUNDLE },
      activities,
      maxHeartbeatThrottleInterval: '1 second',
    });
    return worker.runUntil(work(taskQueue));
  }

  beforeAll(async () => {
    connection = await Connection.connect({ address: testServices().temporalAddress });
    client = new Client({ connection });
  });
  afterAll(() => connection.close());
  beforeEach(() => {
    calls.length = 0;
    chunkGate = Promise.resolve();
    failChunkAt = undefined;
    stagingHangs = false;
  });

  const start = (taskQueue: string) =>
    client.workflow.start('clientImportWorkflow', {
      workflowId: `client-import-test-${randomBytes(4).toString('hex')}`,
      taskQueue,
      args: [{ importId: 'imp', chunkSize: 3, concurrency: 2 }],
    });

  it('processes every chunk once and reports progress', async () => {
    const result = await run(async (q) => (await start(q)).result());
    expect(calls.filter((c) => c.startsWith('chunk')).sort()).toEqual([
      'chunk 1-3',
      'chunk 10-10',
      'chunk 4-6',
      'chunk 7-9',
    ]);
    expect(calls[calls.length - 1]).toBe('finish completed');
    expect(result).toMatchObject({ status: 'completed', total: 10, processed: 10, created: 10 });
  });

  it('stops starting chunks after cancel and ends cancelled', async () => {
    let open!: () => void;
    chunkGate = new Promise((resolve) => (open = resolve));
    const result = await run(async (q) => {
      const handle = await start(q);
      while ((await handle.query(importProgressQuery)).status !== 'processing')
        await new Promise((r) => setTimeout(r, 50));
      await handle.signal(cancelImportSignal);
      expect((await handle.query(importProgressQuery)).status).toBe('cancelling');
      open();
      return handle.result();
    });
    expect(result.status).toBe('cancelled');
    // the two chunks already in flight finish; no new one starts
    expect(calls.filter((c) => c.startsWith('chunk'))).toHaveLength(2);
    expect(calls[calls.length - 1]).toBe('finish cancelled');
  });

  it('cancels the staging activity in flight and starts no chunk', async () => {
    stagingHangs = true;
    const result = await run(async (q) => {
      const handle = await start(q);
      await new Promise((r) => setTimeout(r, 500));
      await handle.signal(cancelImportSignal);
      return handle.result();
    });
    expect(result.status).toBe('cancelled');
    expect(calls).toEqual(['staging cancelled', 'finish cancelled']);
  });

  it('records why on the job when a chunk fails for good, and fails the workflow', async () => {
    failChunkAt = 4;
    const error = await run(async (q) => (await start(q)).result().catch((e: unknown) => e));
    expect(error).toBeInstanceOf(WorkflowFailedError);
    expect(calls[calls.length - 1]).toBe('finish failed: disk full');
  });

  it('undoes chunk by chunk, and a stopped undo leaves the job undoable again', async () => {
    const undo = (q: string) =>
      client.workflow.execute('clientImportUndoWorkflow', {
        workflowId: `client-import-undo-test-${randomBytes(4).toString('hex')}`,
        taskQueue: q,
        args: [{ importId: 'imp', total: 7, chunkSize: 3 }],
      });
    await run(undo);
    expect(calls).toEqual(['undo 1', 'undo 4', 'undo 7', 'undone 6/3']);

    calls.length = 0;
    failChunkAt = 4;
    await expect(run(undo)).rejects.toBeInstanceOf(WorkflowFailedError);
    expect(calls).toEqual(['undo 1', 'undo 4', 'undo failed: lock timeout']);
  });
});
