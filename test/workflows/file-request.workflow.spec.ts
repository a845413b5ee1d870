import type { WorkflowHandle } from '@temporalio/client';
import {
  acceptedSignal,
  cancelledSignal,
  fileRequestStatusQuery,
  rejectedSignal,
  uploadedSignal,
  type FileRequestActivities,
  type FileRequestInput,
} from '../../workflows/file-request/file-request.contract';
import { DAY, useTimeSkipping } from '../utils/time-skipping';

/**
 * The real day-scale schedule (3 days and 1 day before the due date, on it, weekly after it) in
 * Temporal's time-skipping test server. Activities record what the workflow asked for and on
 * which (skipped) day; the fake database says the request is closed from `closedFromDay` on.
 */
describe('fileRequestWorkflow (time-skipping)', () => {
  let calls: string[];
  let steps: number[];
  let closedFromDay: number;

  const day = () => skipping.activityDay();
  const activities: FileRequestActivities = {
    async notifyRecipients(_id, kind, step) {
      calls.push(`${kind} day ${day()}`);
      steps.push(step);
      return { open: day() < closedFromDay };
    },
    async markOverdue() {
      calls.push(`overdue day ${day()}`);
      return { open: day() < closedFromDay };
    },
    async sendUploadedDigest(_id, round) {
      calls.push(`digest ${round} day ${day()}`);
    },
    async finishFileRequest(_id, outcome) {
      calls.push(`finish ${outcome} day ${day()}`);
    },
  };

  beforeEach(() => {
    calls = [];
    steps = [];
    closedFromDay = Infinity;
  });

  const skipping = useTimeSkipping(activities);
  const dayOf = skipping.dayOf;

  /** `dueInDays`: null for no due date. */
  const run = <T>(
    dueInDays: number | null,
    extra: Partial<FileRequestInput>,
    work: (handle: WorkflowHandle) => Promise<T>,
  ) =>
    skipping.run(
      'fileRequestWorkflow',
      (startedAt): FileRequestInput => ({
        requestId: 'req-1',
        dueAt: dueInDays === null ? null : new Date(startedAt + dueInDays * DAY).toISOString(),
        ...extra,
      }),
      work,
    );

  it('due in 10 days: reminds on days 7, 9 and 10, marks overdue, weekly after; cancel stops it', async () => {
    const outcome = await run(10, {}, async (h) => {
      await skipping.env.sleep(25 * DAY);
      await h.signal(cancelledSignal);
      return h.result();
    });
    expect(outcome).toBe('cancelled');
    expect(calls).toEqual([
      'request day 0',
      'reminder_before day 7',
      'reminder_before day 9',
      'reminder_due day 10',
      'overdue day 10',
      'reminder_overdue day 17',
      'reminder_overdue day 24',
      'finish cancelled day 25',
    ]);
    // Each email is its own step (its idempotency key).
    expect(new Set(steps).size).toBe(steps.length);
    expect(steps[0]).toBe(0);
  });

  it('overdue reminders stop after maxOverdueReminders; the request stays open', async () => {
    await run(10, { maxOverdueReminders: 2, remindOnDue: false }, async (h) => {
      await skipping.env.sleep(60 * DAY);
      const status = await h.query(fileRequestStatusQuery);
      expect(status).toMatchObject({
        state: 'open',
        overdue: true,
        remindersSent: 4,
        nextReminderAt: null,
      });
    });
    expect(calls).toEqual([
      'request day 0',
      'reminder_before day 7',
      'reminder_before day 9',
      'overdue day 10',
      'reminder_overdue day 17',
      'reminder_overdue day 24',
    ]);
  });

  it('fully uploaded on day 5: one digest, no reminders; rejected on day 6 resumes them; accepted on day 8 completes', async () => {
    const outcome = await run(10, {}, async (h) => {
      await skipping.env.sleep(5 * DAY);
      await h.signal(uploadedSignal, { allItemsUploaded: true });
      // A repeated signal while still fully uploaded does not send a second digest.
      await h.signal(uploadedSignal, { allItemsUploaded: true });
      await skipping.env.sleep(1 * DAY);
      expect(await h.query(fileRequestStatusQuery)).toMatchObject({
        state: 'uploaded',
        nextReminderAt: null,
      });
      await h.signal(rejectedSignal);
      await skipping.env.sleep(2 * DAY);
      await h.signal(acceptedSignal, { allItemsAccepted: false });
      expect((await h.query(fileRequestStatusQuery)).state).toBe('open');
      await h.signal(acceptedSignal, { allItemsAccepted: true });
      return h.result();
    });
    expect(outcome).toBe('completed');
    expect(calls).toEqual([
      'request day 0',
      'digest 1 day 5',
      'reminder_before day 7',
      'finish completed day 8',
    ]);
  });

  it('uploaded across a reminder slot: skipped, not sent late; a second full upload sends a second digest', async () => {
    const outcome = await run(10, {}, async (h) => {
      await skipping.env.sleep(6 * DAY);
      await h.signal(uploadedSignal, { allItemsUploaded: true });
      await skipping.env.sleep(2 * DAY); // day 8: the day-7 slot passed while staff were reviewing
      await h.signal(rejectedSignal);
      await skipping.env.sleep(4 * DAY); // day 12: reminder day 9, on-due and overdue on day 10
      await h.signal(uploadedSignal, { allItemsUploaded: true });
      await skipping.env.sleep(1 * DAY);
      await h.signal(acceptedSignal, { allItemsAccepted: true });
      return h.result();
    });
    expect(outcome).toBe('completed');
    expect(calls).toEqual([
      'request day 0',
      'digest 1 day 6',
      'reminder_before day 9',
      'reminder_due day 10',
      'overdue day 10',
      'digest 2 day 12',
      'finish completed day 13',
    ]);
  });

  it('fully uploaded before the due date and rejected after it: overdue then, next slot weekly', async () => {
    await run(10, {}, async (h) => {
      await skipping.env.sleep(8 * DAY);
      await h.signal(uploadedSignal, { allItemsUploaded: true });
      await skipping.env.sleep(4 * DAY); // day 12
      expect(await h.query(fileRequestStatusQuery)).toMatchObject({
        state: 'uploaded',
        overdue: false,
      });
      await h.signal(rejectedSignal);
      await skipping.env.sleep(6 * DAY); // day 18
    });
    expect(calls).toEqual([
      'request day 0',
      'reminder_before day 7',
      'digest 1 day 8',
      'overdue day 12',
      'reminder_overdue day 17',
    ]);
  });

  it('without a due date: weekly reminders from creation up to the maximum, then waits', async () => {
    const outcome = await run(null, { maxOverdueReminders: 3 }, async (h) => {
      await skipping.env.sleep(40 * DAY);
      const status = await h.query(fileRequestStatusQuery);
      expect(status).toEqual({
        state: 'open',
        overdue: false,
        remindersSent: 3,
        nextReminderAt: null,
        dueAt: null,
      });
      await h.signal(cancelledSignal);
      return h.result();
    });
    expect(outcome).toBe('cancelled');
    expect(calls).toEqual([
      'request day 0',
      'reminder day 7',
      'reminder day 14',
      'reminder day 21',
      'finish cancelled day 40',
    ]);
  });

  it('ends when the database says the request is no longer open', async () => {
    closedFromDay = 0;
    expect(await run(10, {}, (h) => h.result())).toBe('gone');
    expect(calls).toEqual(['request day 0']);
  });

  it('ends on a reminder when the request was closed in the database meanwhile', async () => {
    closedFromDay = 8;
    const outcome = await run(10, {}, async (h) => {
      const result = await h.result();
      expect((await h.query(fileRequestStatusQuery)).nextReminderAt).toBeNull();
      return result;
    });
    expect(outcome).toBe('gone');
    expect(calls).toEqual(['request day 0', 'reminder_before day 7', 'reminder_before day 9']);
  });

  it('status mid-way: reminders sent, next reminder, due date and the overdue flag', async () => {
    await run(10, {}, async (h) => {
      await skipping.env.sleep(8 * DAY);
      const before = await h.query(fileRequestStatusQuery);
      expect(before).toMatchObject({ state: 'open', overdue: false, remindersSent: 1 });
      expect(dayOf(before.nextReminderAt)).toBe(9);
      expect(dayOf(before.dueAt)).toBe(10);

      await skipping.env.sleep(3 * DAY); // day 11
      const after = await h.query(fileRequestStatusQuery);
      expect(after).toMatchObject({ state: 'open', overdue: true, remindersSent: 3 });
      expect(dayOf(after.nextReminderAt)).toBe(17);
    });
  });
});
