import {
  condition,
  continueAsNew,
  patched,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import {
  DAY_MS,
  acceptedSignal,
  cancelledSignal,
  fileRequestStatusQuery,
  rejectedSignal,
  uploadedSignal,
  type FileRequestActivities,
  type FileRequestInput,
  type FileRequestOutcome,
  type FileRequestRecordStatus,
  type FileRequestStatus,
} from './file-request.contract';
import { slotAfter, slotKey } from './reminder-plan';

const acts = proxyActivities<FileRequestActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/** Even with nothing due, the workflow reads the record this often (a lost signal heals). */
const RESYNC_MS = DAY_MS;

/** Workflows started before rejections were emailed replay without them. */
const REJECTION_EMAILS = 'rejection-emails';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/**
 * One file request: notify the recipients, then remind on the schedule until staff accept
 * every item, the request is cancelled, or it is deleted. PostgreSQL is the record: signals
 * only wake the workflow, which then reads the request's status (and re-reads it daily).
 *
 * - While every item is answered (staff reviewing) recipients get no reminders; staff get one
 *   digest each time it becomes so. Slots that pass meanwhile are skipped, not caught up.
 * - `overdue` is set once the due date passes while items are with the recipients.
 * - Rejections are emailed once staff pause (`rejectionQuietMs`): a review that sends several
 *   items back makes one email.
 * - Reminders go on weekly until the end; the run continues as new every `remindersPerRun`
 *   reminders so its history stays bounded. Every email is keyed by its slot's time, so a run
 *   started again (continue-as-new, or the reconciler after lost history) never sends one twice.
 */
export async function fileRequestWorkflow(input: FileRequestInput): Promise<FileRequestOutcome> {
  const dueAt = input.dueAt ? Date.parse(input.dueAt) : null;
  const perRun = input.remindersPerRun ?? 50;
  const carried = input.carried;

  // Widened: signal handlers change `woken` between awaits, which narrowing cannot see.
  let state = 'open' as 'open' | 'uploaded';
  let outcome: FileRequestOutcome | null = null;
  let overdue = carried?.overdue ?? false;
  let remindersSent = carried?.remindersSent ?? 0;
  let sentThisRun = 0;
  // Slots at or before this time are done (sent or skipped).
  let doneUntil = carried?.doneUntil ?? Date.now();
  let digestPending = false;
  let woken = true;
  let resyncAt = 0;
  const rejectionQuietMs = input.rejectionQuietMs ?? 60_000;
  // The pending rejection email: due after a quiet spell, or at the latest 5 quiet spells in.
  let rejectionsDueAt: number | null = null;
  let rejectionsLatestAt = Infinity;

  const wake = () => {
    woken = true;
  };
  for (const signal of [uploadedSignal, acceptedSignal, cancelledSignal]) {
    setHandler(signal, wake);
  }
  setHandler(rejectedSignal, () => {
    woken = true;
    if (rejectionsDueAt === null) rejectionsLatestAt = Date.now() + 5 * rejectionQuietMs;
    rejectionsDueAt = Math.min(Date.now() + rejectionQuietMs, rejectionsLatestAt);
  });
  setHandler(fileRequestStatusQuery, (): FileRequestStatus => ({
    state: outcome === null ? state : outcome === 'gone' ? 'cancelled' : outcome,
    overdue,
    remindersSent,
    nextReminderAt:
      outcome === null && state === 'open' ? iso(slotAfter(input, doneUntil).at) : null,
    dueAt: iso(dueAt),
  }));

  const apply = (status: FileRequestRecordStatus) => {
    if (status === 'completed' || status === 'cancelled' || status === 'gone') {
      outcome ??= status;
    } else if (status !== state) {
      if (status === 'uploaded') digestPending = true;
      // Back with the recipients: what passed while staff reviewed is not sent late.
      else doneUntil = Math.max(doneUntil, Date.now());
      state = status;
    }
  };

  if (!carried) {
    const { open } = await acts.notifyRecipients(input.requestId, 'request', 'request');
    if (!open) woken = true;
  }

  while (outcome === null) {
    if (woken) {
      woken = false;
      apply((await acts.readFileRequest(input.requestId)).status);
      resyncAt = Date.now() + RESYNC_MS;
      continue;
    }
    if (digestPending) {
      digestPending = false;
      if (state === 'uploaded') await acts.sendUploadedDigest(input.requestId);
      continue;
    }

    if (rejectionsDueAt !== null && Date.now() >= rejectionsDueAt) {
      rejectionsDueAt = null;
      if (patched(REJECTION_EMAILS)) await acts.notifyRejections(input.requestId);
      continue;
    }

    if (state === 'open') {
      // Normally one slot is due; if several passed (a late wake), send only the latest.
      let slot = slotAfter(input, doneUntil);
      if (slot.at <= Date.now()) {
        for (let next = slotAfter(input, slot.at); next.at <= Date.now();) {
          slot = next;
          next = slotAfter(input, slot.at);
        }
        doneUntil = slot.at;
        const res = await acts.notifyRecipients(input.requestId, slot.kind, slotKey(slot));
        if (res.sent) {
          remindersSent += 1;
          sentThisRun += 1;
        }
        if (!res.open) woken = true;
        continue;
      }
      if (!overdue && dueAt !== null && Date.now() >= dueAt) {
        overdue = true;
        if (!(await acts.markOverdue(input.requestId)).open) woken = true;
        continue;
      }
    }

    // Not with a rejection email pending: it is not carried over.
    const mayContinue = rejectionsDueAt === null;
    if (mayContinue && (sentThisRun >= perRun || workflowInfo().continueAsNewSuggested)) {
      await continueAsNew<typeof fileRequestWorkflow>({
        ...input,
        carried: { remindersSent, doneUntil, overdue },
      });
    }

    const wakeAt = Math.min(
      state === 'open' ? slotAfter(input, doneUntil).at : Infinity,
      state === 'open' && !overdue && dueAt !== null ? dueAt : Infinity,
      resyncAt,
      rejectionsDueAt ?? Infinity,
    );
    await condition(() => woken, Math.max(1, wakeAt - Date.now()));
    if (Date.now() >= resyncAt) woken = true;
  }

  if (outcome !== 'gone') await acts.finishFileRequest(input.requestId, outcome);
  return outcome;
}
