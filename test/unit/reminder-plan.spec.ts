import { DAY_MS } from '../../workflows/file-request/file-request.contract';
import { slotAfter, type Slot } from '../../workflows/file-request/reminder-plan';

const schedule = (input: Parameters<typeof slotAfter>[0], count: number): string[] => {
  const slots: Slot[] = [];
  for (let t = Date.parse(input.createdAt); slots.length < count; t = slots.at(-1)!.at) {
    slots.push(slotAfter(input, t));
  }
  return slots.map((s) => `${s.kind}@${new Date(s.at).toISOString()}`);
};

/** When a file request's reminders go out, relative to its due day. */
describe('reminder plan', () => {
  const base = {
    requestId: 'r',
    createdAt: '2026-11-01T10:00:00.000Z',
    // 1 December in New York ends at 05:00 UTC on the 2nd.
    dueAt: '2026-12-02T04:59:59.999Z',
    reminderOffsetsBeforeDueMs: [3 * DAY_MS],
    overdueEveryMs: 7 * DAY_MS,
  };

  it('reminds in the morning of the firm’s days, and past due only once the day is over', () => {
    expect(schedule({ ...base, remindAt: '2026-12-01T14:00:00.000Z' }, 3)).toEqual([
      'reminder_before@2026-11-28T14:00:00.000Z',
      'reminder_due@2026-12-01T14:00:00.000Z',
      'reminder_overdue@2026-12-08T14:00:00.000Z',
    ]);
  });

  it('keeps the schedule of runs started without a reminding hour (replays)', () => {
    expect(schedule(base, 3)).toEqual([
      'reminder_before@2026-11-29T04:59:59.999Z',
      'reminder_due@2026-12-02T04:59:59.999Z',
      'reminder_overdue@2026-12-09T04:59:59.999Z',
    ]);
  });

  it('never sends an overdue reminder before the due time, however short the cadence', () => {
    const input = { ...base, remindAt: '2026-12-01T14:00:00.000Z', overdueEveryMs: 3_600_000 };
    const [, due, overdue] = schedule(input, 3);
    expect(due).toBe('reminder_due@2026-12-01T14:00:00.000Z');
    expect(overdue).toBe('reminder_overdue@2026-12-02T05:00:00.000Z');
  });
});
