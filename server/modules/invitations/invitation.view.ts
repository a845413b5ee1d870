import { isoDate } from '../../common/http/iso-date';

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

export interface InvitationSummary {
  id: string;
  status: InvitationStatus;
  senderEmail: string;
  remindersSent: number;
  maxReminders: number;
  nextReminderAt: string | null;
  expiresAt: string;
  lastRemindedAt: string | null;
  /** When the bell may ring again; null means now. */
  remindAvailableAt: string | null;
  workflowId: string;
  workflowUrl: string;
  createdAt: string;
  acceptedAt: string | null;
}

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

export const INVITATION_COLUMNS = `i.id, i.contact_id, i.sender_email, i.status, i.reminders_sent,
  i.max_reminders, i.next_reminder_at, i.expires_at, i.last_reminded_at, i.workflow_id,
  i.created_at, i.accepted_at`;
