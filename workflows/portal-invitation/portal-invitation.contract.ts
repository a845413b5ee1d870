import { defineQuery, defineSignal } from '@temporalio/workflow';

export const portalInvitationWorkflowId = (contactId: string) => `portal-invitation-${contactId}`;

export interface PortalInvitationInput {
  invitationId: string;
  contactId: string;
  /** Durations in ms, from the firm's settings when the invitation was made. */
  reminderIntervalMs: number;
  maxReminders: number;
  expiryMs: number;
  /** Set when the bulk invite already queued the first email (ISO time its clock starts from). */
  firstEmailAt?: string;
  /** A workflow started again for a pending invitation resumes its deadline and count. */
  expiresAt?: string;
  remindersSent?: number;
  /** Started by a bulk invite: its scheduled reminders go out as bulk email. */
  bulk?: boolean;
}

export type InvitationEmailKind = 'invitation' | 'reminder' | 'resend';

/** `gone`: the database says it is no longer pending (accepted, revoked, or the contact deleted). */
export type InvitationOutcome = 'accepted' | 'expired' | 'revoked' | 'bounced' | 'gone';

export interface InvitationWorkflowStatus {
  state: 'pending' | InvitationOutcome;
  remindersSent: number;
  nextReminderAt: string | null;
  expiresAt: string;
}

export interface InvitationEmailStep {
  invitationId: string;
  kind: InvitationEmailKind;
  /** Unique per email of this invitation, and its idempotency key. */
  step: number;
  remindersSent: number;
  nextReminderAt: string | null;
  expiresAt: string;
  /** Bulk email: queued behind transactional email (a staff member's action never is). */
  bulk?: boolean;
}

export interface PortalInvitationActivities {
  /** Queues one email (new link inside); `pending: false` when the invitation has ended. */
  queueInvitationEmail(step: InvitationEmailStep): Promise<{ pending: boolean }>;
  expireInvitation(invitationId: string): Promise<void>;
}

export const acceptedSignal = defineSignal('accepted');
export const revokedSignal = defineSignal('revoked');
export const bouncedSignal = defineSignal('bounced');
export const remindNowSignal = defineSignal('remindNow');
export const resendSignal = defineSignal('resend');
export const invitationStatusQuery = defineQuery<InvitationWorkflowStatus>('status');
