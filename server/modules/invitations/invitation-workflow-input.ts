import type { PortalInvitationInput } from '../../../workflows/portal-invitation/portal-invitation.contract';

export interface InvitationTimingRow {
  id: string;
  contact_id: string;
  max_reminders: number;
  reminder_interval_seconds: number;
  expiry_seconds: number;
  /** The driver hands raw timestamps over as strings. */
  created_at: Date | string;
}

/** The workflow's input from its invitation row (the settings were fixed when it was made). */
export const invitationWorkflowInput = (i: InvitationTimingRow): PortalInvitationInput => ({
  invitationId: i.id,
  contactId: i.contact_id,
  reminderIntervalMs: i.reminder_interval_seconds * 1000,
  maxReminders: i.max_reminders,
  expiryMs: i.expiry_seconds * 1000,
  firstEmailAt: new Date(i.created_at).toISOString(),
});
