import { defineQuery, defineSignal } from '@temporalio/workflow';

export const fileRequestWorkflowId = (requestId: string) => `file-request-${requestId}`;

export const DAY_MS = 86_400_000;

export interface FileRequestInput {
  requestId: string;
  /**
   * ISO time the request was made: the reminder schedule is counted from it (and the due date),
   * so a workflow started again later keeps the same reminders and their idempotency keys.
   */
  createdAt: string;
  /** ISO time; null or absent: no due date. */
  dueAt?: string | null;
  /**
   * ISO time the reminders before and on the due day are counted from: that morning in the firm's
   * time zone, where the due date itself is the day's last moment. Absent (runs started before it
   * existed): the due date.
   */
  remindAt?: string | null;
  /** Reminders this long before the due date; default 3 days and 1 day. Non-positive values are ignored. */
  reminderOffsetsBeforeDueMs?: number[];
  /** A reminder at the due time itself; default true. */
  remindOnDue?: boolean;
  /** Cadence after the due date (or since creation without one), from the firm settings; default 7 days. */
  overdueEveryMs?: number;
  /**
   * Rejected items are emailed once staff have rejected nothing more for this long, so a review
   * of several items makes one email; default 1 minute. Never later than 5 times this after
   * the first rejection of the batch.
   */
  rejectionQuietMs?: number;
  /** Continue as new after this many reminders, so the history stays bounded; default 50. */
  remindersPerRun?: number;
  /** Carried over continue-as-new: reminders sent before, and slots up to this time are done. */
  carried?: { remindersSent: number; doneUntil: number; overdue: boolean };
}

/**
 * `reminder`: a plain nudge for a request without a due date (nothing to say about a deadline).
 * The others speak of the due date: before it, on it, past it.
 */
export type FileRequestEmailKind =
  'request' | 'reminder_before' | 'reminder_due' | 'reminder_overdue' | 'reminder';

/** `gone`: the request was deleted (with its client). */
export type FileRequestOutcome = 'completed' | 'cancelled' | 'gone';

/** What PostgreSQL, the record, says about the request. */
export type FileRequestRecordStatus = 'open' | 'uploaded' | 'completed' | 'cancelled' | 'gone';

export interface FileRequestStatus {
  /** `uploaded`: every item is answered and staff are reviewing; recipients get no reminders. */
  state: 'open' | 'uploaded' | 'completed' | 'cancelled';
  overdue: boolean;
  remindersSent: number;
  nextReminderAt: string | null;
  dueAt: string | null;
}

export interface FileRequestActivities {
  /** The request's status in the database. */
  readFileRequest(requestId: string): Promise<{ status: FileRequestRecordStatus }>;
  /**
   * Emails the recipients; `key` is unique per email of this request and its idempotency key.
   * `open: false` when the request no longer waits for the recipients; `sent` when any went out.
   */
  notifyRecipients(
    requestId: string,
    kind: FileRequestEmailKind,
    key: string,
  ): Promise<{ open: boolean; sent: boolean }>;
  /** Emails the recipients the items rejected since the last such email, with the reasons. */
  notifyRejections(requestId: string): Promise<void>;
  /** Sets the overdue flag; `open: false` when the request has ended in the database. */
  markOverdue(requestId: string): Promise<{ open: boolean }>;
  /** One email to staff per time the request became fully answered (keyed in the database). */
  sendUploadedDigest(requestId: string): Promise<void>;
  /** Records how the workflow ended (not called for `gone`). */
  finishFileRequest(requestId: string, outcome: 'completed' | 'cancelled'): Promise<void>;
}

/**
 * The API's changes. Each only wakes the workflow, which then reads the request's status from
 * the database: signals may arrive late or out of order, the record cannot.
 */
export const uploadedSignal = defineSignal('uploaded');
export const acceptedSignal = defineSignal('accepted');
export const rejectedSignal = defineSignal('rejected');
export const cancelledSignal = defineSignal('cancelled');
export const fileRequestStatusQuery = defineQuery<FileRequestStatus>('status');
