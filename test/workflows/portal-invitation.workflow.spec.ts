import type { WorkflowHandle } from '@temporalio/client';
import {
  acceptedSignal,
  invitationStatusQuery,
  remindNowSignal,
  resendSignal,
  type InvitationEmailStep,
  type PortalInvitationActivities,
  type PortalInvitationInput,
} from '../../workflows/portal-invitation/portal-invitation.contract';
import { DAY, useTimeSkipping } from '../utils/time-skipping';

/**
 * The real day-scale cadence (remind every 3 days, at most 3 reminders, expire after 14 days)
 * in Temporal's time-skipping test server: weeks pass in a second. Activities record what the
 * workflow asked for and on which (skipped) day.
 */
describe('portalInvitationWorkflow (time-skipping)', () => {
  let calls: string[];
  let steps: InvitationEmailStep[];
  let stillPending: boolean;

  const day = () => skipping.activityDay();
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

  beforeEach(() => {
    calls = [];
    steps = [];
    stillPending = true;
  });

  const skipping = useTimeSkipping(activities);
  const run = <T>(work: (handle: WorkflowHandle) => Promise<T>) =>
    skipping.run('portalInvitationWorkflow', () => input, work);

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
      await skipping.env.sleep(4 * DAY);
      const status = await h.query(invitationStatusQuery);
      expect(status).toMatchObject({ state: 'pending', remindersSent: 1 });
      expect(skipping.dayOf(status.nextReminderAt)).toBe(6);
      expect(skipping.dayOf(status.expiresAt)).toBe(14);
      await skipping.signal(h, acceptedSignal);
      return h.result();
    });
    expect(outcome).toBe('accepted');
    expect(calls).toEqual(['invitation day 0', 'reminder day 3']);
  });

  it('resend on day 2 sends a new link and starts the clock again', async () => {
    const outcome = await run(async (h) => {
      await skipping.env.sleep(2 * DAY);
      await skipping.signal(h, resendSignal);
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
      await skipping.env.sleep(1 * DAY);
      await skipping.signal(h, remindNowSignal);
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
