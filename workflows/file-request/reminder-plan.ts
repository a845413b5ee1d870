import { DAY_MS, type FileRequestEmailKind, type FileRequestInput } from './file-request.contract';

export interface Slot {
  at: number;
  kind: FileRequestEmailKind;
}

/**
 * The reminder schedule as a function of time, counted from the request's creation and due
 * date (never from when a workflow started): each offset before the due date, on it, then every
 * `overdueEveryMs` after it, forever; without a due date, every `overdueEveryMs` from creation.
 * Returns the first slot strictly after `t`.
 */
export function slotAfter(input: FileRequestInput, t: number): Slot {
  const every = Math.max(1, input.overdueEveryMs ?? 7 * DAY_MS);
  const createdAt = Date.parse(input.createdAt);
  const repeatAfter = (from: number, kind: FileRequestEmailKind, after = t): Slot => ({
    at: from + (Math.max(0, Math.floor((after - from) / every)) + 1) * every,
    kind,
  });
  if (!input.dueAt) return repeatAfter(createdAt, 'reminder');
  const dueAt = Date.parse(input.dueAt);
  const remindAt = input.remindAt ? Math.min(Date.parse(input.remindAt), dueAt) : dueAt;
  const offsets = input.reminderOffsetsBeforeDueMs ?? [3 * DAY_MS, DAY_MS];
  const fixed: Slot[] = [
    ...offsets
      .filter((o) => o > 0)
      .map((o) => ({ at: remindAt - o, kind: 'reminder_before' as const })),
    ...((input.remindOnDue ?? true) ? [{ at: remindAt, kind: 'reminder_due' as const }] : []),
  ];
  // Overdue reminders keep the hour of the others, and never come before the due date has passed.
  const overdue = repeatAfter(remindAt, 'reminder_overdue', Math.max(t, dueAt));
  const candidates = [...fixed.filter((s) => s.at > t), overdue];
  return candidates.reduce((a, b) => (b.at < a.at ? b : a));
}

/** The idempotency key of a slot's email: the same slot is the same email, in any run. */
export const slotKey = (slot: Slot) => `${slot.kind}@${new Date(slot.at).toISOString()}`;
