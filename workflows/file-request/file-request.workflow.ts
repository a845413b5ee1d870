import { condition, proxyActivities, setHandler } from '@temporalio/workflow';
import {
  DAY_MS,
  acceptedSignal,
  cancelledSignal,
  fileRequestStatusQuery,
  rejectedSignal,
  uploadedSignal,
  type FileRequestActivities,
  type FileRequestEmailKind,
  type FileRequestInput,
  type FileRequestOutcome,
  type FileRequestStatus,
} from './file-request.contract';

const acts = proxyActivities<FileRequestActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

interface Slot {
  at: number;
  kind: FileRequestEmailKind;
}

/**
 * The whole reminder plan, fixed at the start from the input (so a slot's index is a stable
 * idempotency step). With a due date: each offset before it, on it, then every `overdueEveryMs`
 * after it. Without one: every `overdueEveryMs` from creation, so a request is not forgotten.
 * Repeats are capped by `maxOverdueReminders`; slots already past at the start are dropped.
 */
function reminderPlan(input: FileRequestInput, startedAt: number, dueAt: number | null): Slot[] {
  const every = input.overdueEveryMs ?? 7 * DAY_MS;
  const repeats = input.maxOverdueReminders ?? 8;
  const slots: Slot[] = [];
  if (dueAt === null) {
    for (let k = 1; k <= repeats; k++) slots.push({ at: startedAt + k * every, kind: 'reminder' });
  } else {
    const offsets = input.reminderOffsetsBeforeDueMs ?? [3 * DAY_MS, DAY_MS];
    for (const offset of [...new Set(offsets)].filter((o) => o > 0).sort((a, b) => b - a)) {
      slots.push({ at: dueAt - offset, kind: 'reminder_before' });
    }
    if (input.remindOnDue ?? true) slots.push({ at: dueAt, kind: 'reminder_due' });
    for (let k = 1; k <= repeats; k++) {
      slots.push({ at: dueAt + k * every, kind: 'reminder_overdue' });
    }
  }
  return slots.filter((s) => s.at > startedAt);
}

/**
 * One file request: notify the recipients, then remind on the plan until staff accept every item,
 * the request is cancelled, or the database says it has ended. PostgreSQL is the record; signals
 * carry the current truth and wake the workflow, and every email re-checks the row.
 *
 * - While every item is uploaded (staff reviewing) recipients get no reminders; staff get one
 *   digest each time it becomes fully uploaded. Slots that pass meanwhile are skipped, not caught
 *   up: after a rejection the next reminder is the next slot in the plan.
 * - `overdue` is set once the due date passes while items are outstanding with the recipients
 *   (at the due time, after the on-due reminder, or when a rejection reopens it later).
 * - History stays bounded: at most offsets + 1 + `maxOverdueReminders` reminders; after the last
 *   one the workflow only waits for signals.
 */
export async function fileRequestWorkflow(input: FileRequestInput): Promise<FileRequestOutcome> {
  const startedAt = Date.now();
  const dueAt = input.dueAt ? Date.parse(input.dueAt) : null;
  const slots = reminderPlan(input, startedAt, dueAt);

  // Widened: signal handlers change it between awaits, which narrowing cannot see.
  let state = 'open' as 'open' | 'uploaded';
  let outcome: FileRequestOutcome | null = null;
  let overdue = false;
  let remindersSent = 0;
  let next = 0; // index of the next slot in `slots`
  let digestPending = false;
  let digestRound = 0;
  let woken = false;

  /** Slots that passed while nothing was outstanding with the recipients are not sent late. */
  const skipPassedSlots = () => {
    while (next < slots.length && slots[next].at <= Date.now()) next++;
  };
  const setState = (to: 'open' | 'uploaded') => {
    if (to === state) return;
    if (to === 'uploaded') digestPending = true;
    else skipPassedSlots();
    state = to;
  };

  setHandler(uploadedSignal, ({ allItemsUploaded }) => {
    woken = true;
    if (outcome === null) setState(allItemsUploaded ? 'uploaded' : 'open');
  });
  setHandler(rejectedSignal, () => {
    woken = true;
    if (outcome === null) setState('open');
  });
  setHandler(acceptedSignal, ({ allItemsAccepted }) => {
    woken = true;
    if (allItemsAccepted) outcome ??= 'completed';
  });
  setHandler(cancelledSignal, () => {
    woken = true;
    outcome ??= 'cancelled';
  });
  setHandler(fileRequestStatusQuery, (): FileRequestStatus => ({
    state: outcome === null ? state : outcome === 'gone' ? 'cancelled' : outcome,
    overdue,
    remindersSent,
    nextReminderAt: outcome === null && state === 'open' ? iso(slots[next]?.at ?? null) : null,
    dueAt: iso(dueAt),
  }));

  const { open } = await acts.notifyRecipients(input.requestId, 'request', 0);
  if (!open) outcome ??= 'gone';

  while (outcome === null) {
    if (digestPending) {
      digestPending = false;
      // Only if still fully uploaded: a rejection meanwhile means staff have looked already.
      if (state === 'uploaded') await acts.sendUploadedDigest(input.requestId, ++digestRound);
      continue; // re-check signals that arrived during the activity
    }

    if (state === 'open') {
      // Normally one slot is due; if several passed (a late wake), send only the latest.
      let due: number | null = null;
      while (next < slots.length && slots[next].at <= Date.now()) due = next++;
      if (due !== null) {
        remindersSent += 1;
        const res = await acts.notifyRecipients(input.requestId, slots[due].kind, due + 1);
        if (!res.open) outcome ??= 'gone';
        continue;
      }
      if (!overdue && dueAt !== null && Date.now() >= dueAt) {
        overdue = true;
        const res = await acts.markOverdue(input.requestId);
        if (!res.open) outcome ??= 'gone';
        continue;
      }
    }

    const wakeAt =
      state === 'open'
        ? Math.min(slots[next]?.at ?? Infinity, !overdue && dueAt !== null ? dueAt : Infinity)
        : Infinity;
    woken = false;
    if (wakeAt === Infinity) await condition(() => woken);
    else await condition(() => woken, Math.max(1, wakeAt - Date.now()));
  }

  if (outcome !== 'gone') await acts.finishFileRequest(input.requestId, outcome);
  return outcome;
}
