import type {
  SignalDefinition,
  WorkflowHandle,
  WorkflowHandleWithFirstExecutionRunId,
} from '@temporalio/client';
import { Context } from '@temporalio/activity';
import {
  acceptedSignal,
  cancelledSignal,
  fileRequestStatusQuery,
  rejectedSignal,
  uploadedSignal,
  type FileRequestActivities,
  type FileRequestInput,
  type FileRequestRecordStatus,
} from '../../workflows/file-request/file-request.contract';
import { DAY, useTimeSkipping } from '../utils/time-skipping';

/**
 * The real day-scale schedule (3 days and 1 day before the due date, on it, weekly after it) in
 * Temporal's time-skipping test server. Activities record what the workflow asked for and on
 * which (skipped) day; a fake record holds the request's status (the tests change it, as the
 * API does, before signalling), and emails are once per key, as in the outbox.
 */
describe('fileRequestWorkflow (time-skipping)', () => {
  let calls: string[];
  let keys: string[];
  let record: { status: FileRequestRecordStatus };
  /** When each rejection email was asked for (ms, the test server's clock). */
  let rejectionsAt: number[];

  const day = () => skipping.activityDay();
  const activities: FileRequestActivities = {
    async readFileRequest() {
      return { status: record.status };
    },
    async notifyRecipients(_id, kind, key) {
      const waiting =
        record.status === 'open' || (kind === 'request' && record.status === 'uploaded');
      if (!waiting) return { open: false, sent: false };
      const sent = !keys.includes(key);
      if (sent) calls.push(`${kind} day ${day()}`);
      keys.push(key);
      return { open: true, sent };
    },
    async markOverdue() {
      calls.push(`overdue day ${day()}`);
      return { open: record.status === 'open' || record.status === 'uploaded' };
    },
    async notifyRejections() {
      // As the real one: nothing once the request no longer waits for the recipients.
      if (record.status !== 'open') return;
      calls.push(`rejections day ${day()}`);
      rejectionsAt.push(Context.current().info.currentAttemptScheduledTimestampMs);
    },
    async sendUploadedDigest() {
      calls.push(`digest day ${day()}`);
    },
    async finishFileRequest(_id, outcome) {
      calls.push(`finish ${outcome} day ${day()}`);
    },
  };

  beforeEach(() => {
    calls = [];
    keys = [];
    rejectionsAt = [];
    record = { status: 'open' };
  });

  const skipping = useTimeSkipping(activities);
  const dayOf = skipping.dayOf;

  /** `dueInDays`: null for no due date; `ageDays`: how long before the start it was created. */
  const run = <T>(
    dueInDays: number | null,
    extra: Partial<FileRequestInput>,
    work: (handle: WorkflowHandleWithFirstExecutionRunId) => Promise<T>,
    ageDays = 0,
  ) =>
    skipping.run(
      'fileRequestWorkflow',
      (startedAt): FileRequestInput => ({
        requestId: 'req-1',
        createdAt: new Date(startedAt - ageDays * DAY).toISOString(),
        dueAt: dueInDays === null ? null : new Date(startedAt + dueInDays * DAY).toISOString(),
        ...extra,
      }),
      work,
    );

  /** What the API does: change the record, then wake the workflow. */
  const change = (
    h: WorkflowHandle,
    status: FileRequestRecordStatus,
    signal: SignalDefinition = uploadedSignal,
  ) =>
    skipping.signal(h, signal, () => {
      record.status = status;
    });

  it('due in 10 days: reminds on days 7, 9 and 10, marks overdue, weekly after; cancel stops it', async () => {
    const outcome = await run(10, {}, async (h) => {
      await skipping.env.sleep(25 * DAY);
      await change(h, 'cancelled', cancelledSignal);
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
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('reminds weekly until done, continuing as new to keep its history bounded', async () => {
    await run(10, { remindersPerRun: 2, remindOnDue: false }, async (h) => {
      await skipping.env.sleep(60 * DAY);
      const status = await h.query(fileRequestStatusQuery);
      expect(status).toMatchObject({ state: 'open', overdue: true, remindersSent: 9 });
      expect(dayOf(status.nextReminderAt)).toBe(66);
      const first = skipping.env.client.workflow.getHandle(h.workflowId, h.firstExecutionRunId);
      expect((await first.describe()).status.name).toBe('CONTINUED_AS_NEW');
    });
    expect(calls).toEqual([
      'request day 0',
      'reminder_before day 7',
      'reminder_before day 9',
      'overdue day 10',
      ...[17, 24, 31, 38, 45, 52, 59].map((d) => `reminder_overdue day ${d}`),
    ]);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('fully answered on day 5: one digest, no reminders; rejected on day 6 resumes them; accepted on day 8 completes', async () => {
    const outcome = await run(10, {}, async (h) => {
      await skipping.env.sleep(5 * DAY);
      await change(h, 'uploaded');
      // A repeated signal while still fully answered does not send a second digest.
      await skipping.signal(h, uploadedSignal);
      await skipping.env.sleep(1 * DAY);
      expect(await h.query(fileRequestStatusQuery)).toMatchObject({
        state: 'uploaded',
        nextReminderAt: null,
      });
      await change(h, 'open', rejectedSignal);
      await skipping.env.sleep(2 * DAY);
      await skipping.signal(h, acceptedSignal);
      expect((await h.query(fileRequestStatusQuery)).state).toBe('open');
      await change(h, 'completed', acceptedSignal);
      return h.result();
    });
    expect(outcome).toBe('completed');
    expect(calls).toEqual([
      'request day 0',
      'digest day 5',
      'rejections day 6',
      'reminder_before day 7',
      'finish completed day 8',
    ]);
  });

  it('answered across a reminder slot: skipped, not sent late; a second full answer sends a second digest', async () => {
    const outcome = await run(10, {}, async (h) => {
      await skipping.env.sleep(6 * DAY);
      await change(h, 'uploaded');
      await skipping.env.sleep(2 * DAY); // day 8: the day-7 slot passed while staff were reviewing
      await change(h, 'open', rejectedSignal);
      await skipping.env.sleep(4 * DAY); // day 12: reminder day 9, on-due and overdue on day 10
      await change(h, 'uploaded');
      await skipping.env.sleep(1 * DAY);
      await change(h, 'completed', acceptedSignal);
      return h.result();
    });
    expect(outcome).toBe('completed');
    expect(calls).toEqual([
      'request day 0',
      'digest day 6',
      'rejections day 8',
      'reminder_before day 9',
      'reminder_due day 10',
      'overdue day 10',
      'digest day 12',
      'finish completed day 13',
    ]);
  });

  it('rejections a few seconds apart make one email once staff pause; a long review still gets one within five pauses', async () => {
    const SECOND = 1000;
    const signalled: number[] = [];
    await run(10, { rejectionQuietMs: 60 * SECOND }, async (h) => {
      const reject = async () => {
        await skipping.signal(h, rejectedSignal);
        signalled.push(await skipping.env.currentTimeMs());
      };
      await skipping.env.sleep(1 * DAY);
      for (let i = 0; i < 3; i += 1) {
        await reject();
        await skipping.env.sleep(20 * SECOND);
      }
      await skipping.env.sleep(2 * 60 * SECOND);
      expect(rejectionsAt).toHaveLength(1);
      // A minute after the last of the three (within the test clock's second of slack).
      expect(rejectionsAt[0] - signalled[2]).toBeGreaterThan(59 * SECOND);
      expect(rejectionsAt[0] - signalled[2]).toBeLessThan(62 * SECOND);

      // Every 50 seconds for 8 minutes: never a minute's pause, yet an email 5 minutes in.
      signalled.length = 0;
      for (let i = 0; i < 10; i += 1) {
        await reject();
        await skipping.env.sleep(50 * SECOND);
      }
      await skipping.env.sleep(2 * 60 * SECOND);
    });
    expect(rejectionsAt).toHaveLength(3);
    expect(rejectionsAt[1] - signalled[0]).toBeGreaterThan(299 * SECOND);
    expect(rejectionsAt[1] - signalled[0]).toBeLessThan(302 * SECOND);
    expect(rejectionsAt[2] - signalled[9]).toBeGreaterThan(59 * SECOND);
  });

  it('signals arriving out of order or lost: the record wins, read on each wake and daily', async () => {
    await run(10, {}, async (h) => {
      await skipping.env.sleep(3 * DAY);
      // A rejection's signal overtaken by a later upload's: both wake it, the record decides.
      await skipping.signal(h, rejectedSignal, () => {
        record.status = 'uploaded';
      });
      await skipping.signal(h, uploadedSignal);
      await skipping.env.sleep(1.5 * DAY);
      // Reopened on day 4.5 with the signal lost: the daily read notices by day 5.
      record.status = 'open';
      await skipping.env.sleep(1 * DAY);
      expect((await h.query(fileRequestStatusQuery)).state).toBe('open');
      await skipping.env.sleep(3 * DAY);
      await skipping.env.sleep(1 * DAY);
    });
    expect(calls).toEqual([
      'request day 0',
      'digest day 3',
      'reminder_before day 7',
      'reminder_before day 9',
    ]);
  });

  it('started again 8 days into a request due on day 10: the same schedule, nothing sent twice', async () => {
    keys.push('request'); // the first run sent the request (and the day-7 reminder, now past)
    await run(
      2,
      {},
      async (h) => {
        await skipping.env.sleep(3 * DAY); // request days 8 to 11
        const status = await h.query(fileRequestStatusQuery);
        expect(status.remindersSent).toBe(2);
      },
      8,
    );
    expect(calls).toEqual(['reminder_before day 1', 'reminder_due day 2', 'overdue day 2']);
    expect(keys.filter((k) => k === 'request')).toHaveLength(2);
  });

  it('without a due date: weekly reminders from creation, on and on', async () => {
    const outcome = await run(null, {}, async (h) => {
      await skipping.env.sleep(40 * DAY);
      const status = await h.query(fileRequestStatusQuery);
      expect(status).toMatchObject({
        state: 'open',
        overdue: false,
        remindersSent: 5,
        dueAt: null,
      });
      expect(dayOf(status.nextReminderAt)).toBe(42);
      await change(h, 'cancelled', cancelledSignal);
      return h.result();
    });
    expect(outcome).toBe('cancelled');
    expect(calls).toEqual([
      'request day 0',
      ...[7, 14, 21, 28, 35].map((d) => `reminder day ${d}`),
      'finish cancelled day 40',
    ]);
  });

  it('ends when the request is gone from the database', async () => {
    record.status = 'gone';
    expect(await run(10, {}, (h) => h.result())).toBe('gone');
    expect(calls).toEqual([]);
  });

  it('notices a request deleted meanwhile at its daily read, before the next reminder', async () => {
    const outcome = await run(10, {}, async (h) => {
      await skipping.env.sleep(7.5 * DAY);
      record.status = 'gone';
      const result = await h.result();
      expect((await h.query(fileRequestStatusQuery)).nextReminderAt).toBeNull();
      return result;
    });
    expect(outcome).toBe('gone');
    expect(calls).toEqual(['request day 0', 'reminder_before day 7']);
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
