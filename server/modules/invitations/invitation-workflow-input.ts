import type { PortalInvitationInput } from '@workflows/portal-invitation/portal-invitation.contract';

export interface InvitationTimingRow {
  id: string;
  contact_id: string;
  max_reminders: number;
  reminder_interval_seconds: number;
  expiry_seconds: number;
  reminders_sent: number;
  /** The driver hands raw timestamps over as strings. */
  created_at: Date | string;
  expires_at: Date | string;
}

export const INVITATION_TIMING_COLUMNS = `id, contact_id, max_reminders, reminder_interval_seconds,
  expiry_seconds, reminders_sent, created_at, expires_at`;

/**
 * The workflow's input from its invitation row (the settings were fixed when it was made); a
 * workflow started again for a pending invitation carries on from its recorded state.
 */
export const invitationWorkflowInput = (i: InvitationTimingRow): PortalInvitationInput => ({
  invitationId: i.id,
  contactId: i.contact_id,
  reminderIntervalMs: i.reminder_interval_seconds * 1000,
  maxReminders: i.max_reminders,
  expiryMs: i.expiry_seconds * 1000,
  firstEmailAt: new Date(i.created_at).toISOString(),
  expiresAt: new Date(i.expires_at).toISOString(),
  remindersSent: i.reminders_sent,
});
