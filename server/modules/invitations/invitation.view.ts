import { z } from 'zod';
import { isoDate } from '../../common/http/iso-date';
import { timestampField } from '../../common/http/view-fields';

export const INVITATION_STATUSES = [
  'pending',
  'accepted',
  'expired',
  'revoked',
  'bounced',
] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];

/** The invitation columns the views read (snake_case, as selected). */
export interface InvitationRow {
  id: string;
  contact_id: string;
  sender_email: string;
  status: InvitationStatus;
  reminders_sent: number;
  max_reminders: number;
  next_reminder_at: Date | null;
  expires_at: Date;
  last_reminded_at: Date | null;
  workflow_id: string;
  created_at: Date;
  accepted_at: Date | null;
}

export const invitationSummarySchema = z.object({
  id: z.uuid(),
  status: z.enum(INVITATION_STATUSES),
  senderEmail: z.string(),
  remindersSent: z.number().int(),
  maxReminders: z.number().int(),
  nextReminderAt: timestampField.nullable(),
  expiresAt: timestampField,
  lastRemindedAt: timestampField.nullable(),
  /** When the bell may ring again; null means now. */
  remindAvailableAt: timestampField.nullable(),
  workflowId: z.string(),
  workflowUrl: z.string(),
  createdAt: timestampField,
  acceptedAt: timestampField.nullable(),
});
export type InvitationSummary = z.infer<typeof invitationSummarySchema>;

export const invitationViewSchema = invitationSummarySchema.extend({
  contactId: z.uuid(),
  contactEmail: z.string(),
});
export type InvitationView = z.infer<typeof invitationViewSchema>;

/** One invitation with its workflow's answer while pending (null once ended or unanswered). */
export const liveInvitationViewSchema = invitationViewSchema.extend({
  workflow: z
    .object({
      /** `gone`: the workflow saw the invitation no longer pending in the database. */
      state: z.enum([...INVITATION_STATUSES, 'gone']),
      remindersSent: z.number().int(),
      nextReminderAt: timestampField.nullable(),
      expiresAt: timestampField,
    })
    .nullable(),
});

export const SKIP_REASONS = [
  'accepted',
  'no_email',
  'suppressed',
  'already_invited',
  'no_contact',
  'offline',
] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

export const skippedTargetSchema = z.object({
  contactId: z.uuid().nullable(),
  clientId: z.uuid().nullable(),
  /** The client's name, else the contact's: every skipped row says whom it is about. */
  name: z.string(),
  email: z.string().nullable(),
  reason: z.enum(SKIP_REASONS),
  message: z.string(),
});
export type SkippedTarget = z.infer<typeof skippedTargetSchema>;

export const inviteResultSchema = z.object({
  invited: z.number().int(),
  resent: z.number().int(),
  skipped: z.array(skippedTargetSchema),
  skippedCount: z.number().int(),
  batchId: z.uuid().nullable(),
  workflowId: z.string().nullable(),
});
export type InviteResult = z.infer<typeof inviteResultSchema>;

/** A bulk invitation's progress (its workflow's query); null when Temporal did not answer. */
export const invitationBatchViewSchema = z.object({
  batchId: z.uuid(),
  progress: z
    .object({
      state: z.enum(['running', 'done', 'cancelled']),
      total: z.number().int(),
      emailsQueued: z.number().int(),
      workflowsStarted: z.number().int(),
      resent: z.number().int(),
      /** Revoked by a cancel before their email went out. */
      revoked: z.number().int(),
    })
    .nullable(),
});

export interface InvitationViewContext {
  workflowUrl(workflowId: string): string;
  remindCooldownMs: number;
  now?: Date;
}

export function toInvitationSummary(
  r: InvitationRow,
  ctx: InvitationViewContext,
): InvitationSummary {
  const nextBell = r.last_reminded_at
    ? new Date(new Date(r.last_reminded_at).getTime() + ctx.remindCooldownMs)
    : null;
  return {
    id: r.id,
    status: r.status,
    senderEmail: r.sender_email,
    remindersSent: r.reminders_sent,
    maxReminders: r.max_reminders,
    nextReminderAt: r.status === 'pending' ? isoDate(r.next_reminder_at) : null,
    expiresAt: isoDate(r.expires_at),
    lastRemindedAt: isoDate(r.last_reminded_at),
    remindAvailableAt:
      nextBell && nextBell > (ctx.now ?? new Date()) ? nextBell.toISOString() : null,
    workflowId: r.workflow_id,
    workflowUrl: ctx.workflowUrl(r.workflow_id),
    createdAt: isoDate(r.created_at),
    acceptedAt: isoDate(r.accepted_at),
  };
}
