import { defineQuery, defineSignal } from '@temporalio/workflow';

export const fileRequestWorkflowId = (requestId: string) => `file-request-${requestId}`;

export const DAY_MS = 86_400_000;

export interface FileRequestInput {
  requestId: string;
  /** ISO time; null or absent: no due date. */
  dueAt?: string | null;
  /** Reminders this long before the due date; default 3 days and 1 day. Non-positive values are ignored. */
  reminderOffsetsBeforeDueMs?: number[];
  /** A reminder at the due time itself; default true. */
  remindOnDue?: boolean;
  /** Cadence after the due date (or since creation without one), from the firm settings; default 7 days. */
  overdueEveryMs?: number;
  /** At most this many of those repeated reminders; default 8. Keeps the history bounded. */
  maxOverdueReminders?: number;
}

/**
 * `reminder`: a plain nudge for a request without a due date (nothing to say about a deadline).
 * The others speak of the due date: before it, on it, past it.
 */
export type FileRequestEmailKind =
  'request' | 'reminder_before' | 'reminder_due' | 'reminder_overdue' | 'reminder';

/** `gone`: the database says the request is no longer open (deleted, cancelled or completed there). */
export type FileRequestOutcome = 'completed' | 'cancelled' | 'gone';

export interface FileRequestStatus {
  /** `uploaded`: every item is uploaded and staff are reviewing; recipients get no reminders. */
  state: 'open' | 'uploaded' | 'completed' | 'cancelled';
  overdue: boolean;
  remindersSent: number;
  nextReminderAt: string | null;
  dueAt: string | null;
}

export interface FileRequestActivities {
  /**
   * Emails the recipients. `step` is unique per email of this request (0 is the request itself)
   * and its idempotency key. `open: false` when the request has ended in the database.
   */
  notifyRecipients(
    requestId: string,
    kind: FileRequestEmailKind,
    step: number,
  ): Promise<{ open: boolean }>;
  /** Sets the overdue flag; `open: false` when the request has ended in the database. */
  markOverdue(requestId: string): Promise<{ open: boolean }>;
  /**
   * One email to staff each time the request becomes fully uploaded; `round` (1, 2, …) counts those
   * times and is the idempotency key.
   */
  sendUploadedDigest(requestId: string, round: number): Promise<void>;
  /** Records how the workflow ended (not called for `gone`: the database ended it already). */
  finishFileRequest(requestId: string, outcome: 'completed' | 'cancelled'): Promise<void>;
}

export const uploadedSignal = defineSignal<[{ allItemsUploaded: boolean }]>('uploaded');
export const acceptedSignal = defineSignal<[{ allItemsAccepted: boolean }]>('accepted');
/** An item went back to `requested`: reminders resume. */
export const rejectedSignal = defineSignal('rejected');
export const cancelledSignal = defineSignal('cancelled');
export const fileRequestStatusQuery = defineQuery<FileRequestStatus>('status');
