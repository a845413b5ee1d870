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
  const repeatAfter = (from: number, kind: FileRequestEmailKind): Slot => ({
    at: from + (Math.max(0, Math.floor((t - from) / every)) + 1) * every,
    kind,
  });
  if (!input.dueAt) return repeatAfter(createdAt, 'reminder');
  const dueAt = Date.parse(input.dueAt);
  const offsets = input.reminderOffsetsBeforeDueMs ?? [3 * DAY_MS, DAY_MS];
  const fixed: Slot[] = [
    ...offsets
      .filter((o) => o > 0)
      .map((o) => ({ at: dueAt - o, kind: 'reminder_before' as const })),
    ...((input.remindOnDue ?? true) ? [{ at: dueAt, kind: 'reminder_due' as const }] : []),
  ];
  const candidates = [...fixed.filter((s) => s.at > t), repeatAfter(dueAt, 'reminder_overdue')];
  return candidates.reduce((a, b) => (b.at < a.at ? b : a));
}

/** The idempotency key of a slot's email: the same slot is the same email, in any run. */
export const slotKey = (slot: Slot) => `${slot.kind}@${new Date(slot.at).toISOString()}`;
