import { randomBytes } from 'node:crypto';
import { ApplicationFailure, Context } from '@temporalio/activity';
import { Client, Connection } from '@temporalio/client';
import { MockActivityEnvironment } from '@temporalio/testing';
import { NativeConnection, Worker } from '@temporalio/worker';
import type { ImportChunkService } from '../../server/modules/imports/delivery/import-chunk.service';
import type { ImportLifecycleService } from '../../server/modules/imports/delivery/import-lifecycle.service';
import type { ImportStagingService } from '../../server/modules/imports/delivery/import-staging.service';
import type { ImportUndoService } from '../../server/modules/imports/delivery/import-undo.service';
import { bindActivities } from '../../worker/activities/activity-registry';
import { ClientImportActivitiesImpl } from '../../worker/activities/client-import.activities';
import type { CrashCount } from '../../worker/activities/crash-limit';
import type { StageResult } from '../../workflows/client-import/client-import.contract';
import { TEST_WORKFLOW_BUNDLE, testServices } from '../utils/test-env';

/**
 * The staging activity reads a whole file, and a file can take its worker down. It is not
 * retried into the same crash for ever: after two attempts that ended with their worker it
 * fails for good, with a reason staff can act on.
 */
describe('staging crash limit', () => {
  let stage: (importId: string) => Promise<StageResult>;
  const finished: string[] = [];
  const activities = new ClientImportActivitiesImpl(
    { stage: (id: string) => stage(id) } as ImportStagingService,
    {} as ImportChunkService,
    {} as ImportUndoService,
    {
      finish: async (_id: string, status: string, error?: string) => {
        finished.push(`${status}${error ? `: ${error}` : ''}`);
      },
    } as ImportLifecycleService,
  );
  beforeEach(() => {
    finished.length = 0;
    stage = async () => ({ total: 0, failed: 0 });
  });

  /** Runs one attempt after one whose last heartbeat was `previous`; returns what it heartbeat. */
  async function attempt(previous?: CrashCount) {
    const env = new MockActivityEnvironment({
      attempt: previous ? 2 : 1,
      heartbeatDetails: previous,
    });
    const heartbeats: unknown[] = [];
    env.on('heartbeat', (details: unknown) => heartbeats.push(details));
    const result: { value?: unknown; error?: unknown } = await env
      .run(() => activities.stageImportFile('import-1'))
      .then(
        (value) => ({ value }),
        (error: unknown) => ({ error }),
      );
    return { ...result, heartbeats };
  }

  it('counts attempts that ended with their worker, and stops after two', async () => {
    expect(await attempt()).toMatchObject({ value: { total: 0 }, heartbeats: [{ crashes: 0 }] });
    // Its predecessor's last heartbeat says it was still at work: its worker died.
    expect(await attempt({ crashes: 0 })).toMatchObject({ heartbeats: [{ crashes: 1 }] });

    let staged = false;
    stage = async () => {
      staged = true;
      return { total: 0, failed: 0 };
    };
    const { error, heartbeats } = await attempt({ crashes: 1 });
    expect(staged).toBe(false);
    expect(heartbeats).toEqual([]);
    expect(error).toBeInstanceOf(ApplicationFailure);
    expect(error).toMatchObject({
      type: 'WorkerCrashLoop',
      nonRetryable: true,
      message: expect.stringMatching(/^Reading this file stopped the import worker twice/),
    });
  });

  it('does not count an attempt that failed by throwing', async () => {
    stage = async () => {
      throw new Error('connection terminated');
    };
    const failed = await attempt({ crashes: 1, failed: true });
    expect(failed.error).toMatchObject({ message: 'connection terminated' });
    expect(failed.heartbeats).toEqual([{ crashes: 1 }, { crashes: 1, failed: true }]);

    stage = async () => ({ total: 0, failed: 0 });
    expect(await attempt({ crashes: 1, failed: true })).toMatchObject({
      value: { total: 0 },
      heartbeats: [{ crashes: 1 }],
    });
  });

  it('on the real server, a retry finds its thrown predecessor marked as failed, not crashed', async () => {
    const seen: unknown[] = [];
    stage = async () => {
      const { attempt: n, heartbeatDetails } = Context.current().info;
      seen.push(heartbeatDetails);
      if (n === 1) throw new Error('connection terminated');
      return { total: 0, failed: 0 };
    };
    const address = testServices().temporalAddress;
    const taskQueue = `crash-${randomBytes(4).toString('hex')}`;
    const worker = await Worker.create({
      connection: await NativeConnection.connect({ address }),
      taskQueue,
      workflowBundle: { codePath: TEST_WORKFLOW_BUNDLE },
      activities: bindActivities(activities),
    });
    const connection = await Connection.connect({ address });
    try {
      await worker.runUntil(
        new Client({ connection }).workflow.execute('clientImportWorkflow', {
          workflowId: `crash-limit-${randomBytes(4).toString('hex')}`,
          taskQueue,
          args: [{ importId: 'import-1', chunkSize: 10, concurrency: 1 }],
        }),
      );
    } finally {
      await connection.close();
    }
    expect(seen).toEqual([undefined, { crashes: 0, failed: true }]);
    expect(finished).toEqual(['completed']);
  });
});
