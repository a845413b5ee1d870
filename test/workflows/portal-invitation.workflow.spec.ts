import { resolve } from 'node:path';
import { Context } from '@temporalio/activity';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { resolveTemporalTestServer } from '../../scripts/lib/temporal-cli';
import {
  acceptedSignal,
  invitationStatusQuery,
  remindNowSignal,
  resendSignal,
  type InvitationEmailStep,
  type PortalInvitationActivities,
  type PortalInvitationInput,
} from '../../workflows/portal-invitation/portal-invitation.contract';
import { TEST_DATA_DIR, TEST_WORKFLOW_BUNDLE } from '../utils/test-env';

const DAY = 86_400_000;

/**
 * The real day-scale cadence (remind every 3 days, at most 3 reminders, expire after 14 days)
 * in Temporal's time-skipping test server: weeks pass in a second. Activities record what the
 * workflow asked for and on which (skipped) day.
 */
describe('portalInvitationWorkflow (time-skipping)', () => {
  let env: TestWorkflowEnvironment;
  let startedAt: number;
  let calls: string[];
  let steps: InvitationEmailStep[];
  let stillPending: boolean;

  const day = () =>
    Math.round((Context.current().info.currentAttemptScheduledTimestampMs - startedAt) / DAY);
  const activities: PortalInvitationActivities = {
    async queueInvitationEmail(step) {
      calls.push(`${step.kind} day ${day()}`);
      steps.push(step);
      return { pending: stillPending };
    },
    async expireInvitation() {
      calls.push(`expire day ${day()}`);
    },
  };

  const input: PortalInvitationInput = {
    invitationId: 'inv-1',
    contactId: 'contact-1',
    reminderIntervalMs: 3 * DAY,
    maxReminders: 3,
    expiryMs: 14 * DAY,
  };

  beforeAll(async () => {
    const path = await resolveTemporalTestServer({ DATA_DIR: resolve(TEST_DATA_DIR, '..') });
    env = await TestWorkflowEnvironment.createTimeSkipping({
      server: { executable: { type: 'existing-path', path } },
    });
  }, 120_000);
  afterAll(() => env?.teardown());
  beforeEach(() => {
    calls = [];
    steps = [];
    stillPending = true;
  });

  async function run<T>(
    work: (handle: Awaited<ReturnType<typeof start>>) => Promise<T>,
  ): Promise<T> {
    const taskQueue = `invite-${Math.random().toString(36).slice(2)}`;
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle: { codePath: TEST_WORKFLOW_BUNDLE },
      activities,
    });
    return worker.runUntil(async () => {
      const handle = await start(taskQueue);
      try {
        return await work(handle);
      } finally {
        // A failed expectation must not leave timers running into the next test's skipped time.
        await handle.terminate().catch(() => undefined);
      }
    });
  }

  async function start(taskQueue: string) {
    startedAt = await env.currentTimeMs();
    return env.client.workflow.start('portalInvitationWorkflow', {
      workflowId: `portal-invitation-test-${Math.random().toString(36).slice(2)}`,
      taskQueue,
      args: [input],
    });
  }

  it('reminds on days 3, 6 and 9, none after the maximum, and expires on day 14', async () => {
    const outcome = await run((h) => h.result());
    expect(outcome).toBe('expired');
    expect(calls).toEqual([
      'invitation day 0',
      'reminder day 3',
      'reminder day 6',
      'reminder day 9',
      'expire day 14',
    ]);
    expect(steps.map((s) => s.remindersSent)).toEqual([0, 1, 2, 3]);
    expect(steps.at(-1)!.nextReminderAt).toBeNull();
  });

  it('stops everything when the contact accepts on day 4', async () => {
    const outcome = await run(async (h) => {
      await env.sleep(4 * DAY);
      const status = await h.query(invitationStatusQuery);
      expect(status).toMatchObject({ state: 'pending', remindersSent: 1 });
      const dayOf = (iso: string) => Math.round((Date.parse(iso) - startedAt) / DAY);
      expect(dayOf(status.nextReminderAt!)).toBe(6);
      expect(dayOf(status.expiresAt)).toBe(14);
      await h.signal(acceptedSignal);
      return h.result();
    });
    expect(outcome).toBe('accepted');
    expect(calls).toEqual(['invitation day 0', 'reminder day 3']);
  });

  it('resend on day 2 sends a new link and starts the clock again', async () => {
    const outcome = await run(async (h) => {
      await env.sleep(2 * DAY);
      await h.signal(resendSignal);
      return h.result();
    });
    expect(outcome).toBe('expired');
    expect(calls).toEqual([
      'invitation day 0',
      'resend day 2',
      'reminder day 5',
      'reminder day 8',
      'reminder day 11',
      'expire day 16',
    ]);
    // Each email is its own step (its idempotency key), so each carries its own link.
    expect(new Set(steps.map((s) => s.step)).size).toBe(steps.length);
  });

  it('the bell reminds at once and the cadence continues from there', async () => {
    const outcome = await run(async (h) => {
      await env.sleep(1 * DAY);
      await h.signal(remindNowSignal);
      return h.result();
    });
    expect(outcome).toBe('expired');
    expect(calls).toEqual([
      'invitation day 0',
      'reminder day 1',
      'reminder day 4',
      'reminder day 7',
      'expire day 14',
    ]);
  });

  it('ends when the database says the invitation is no longer pending', async () => {
    stillPending = false;
    expect(await run((h) => h.result())).toBe('gone');
    expect(calls).toEqual(['invitation day 0']);
  });
});
