import { z } from 'zod';
import { MFA_POLICIES } from './settings.schemas';

export const firmSettingsSchema = z.object({
  id: z.literal('firm'),
  firmName: z.string(),
  logoUrl: z.string().nullable(),
  sendingDomains: z.array(z.string()),
  defaultSender: z.string().nullable(),
  reminderIntervalSeconds: z.number().int(),
  maxReminders: z.number().int(),
  invitationExpirySeconds: z.number().int(),
  /** File request emails carry the request's description, message and items (else a plain nudge). */
  detailedNotifications: z.boolean(),
  /** File request reminders this many days before the due date. */
  requestReminderDaysBefore: z.array(z.number().int()),
  /** After the due date (or without one), file requests are chased this often. */
  requestOverdueIntervalDays: z.number().int(),
  /** IANA zone every date is shown in (console, messages). */
  timeZone: z.string(),
  /** Whether staff, and contacts, must sign in with a second factor (else they may). */
  staffMfa: z.enum(MFA_POLICIES),
  contactMfa: z.enum(MFA_POLICIES),
  /** `outbox` without RESEND_API_KEY: messages stay in the console's Outbox. */
  emailDelivery: z.enum(['resend', 'outbox']),
});
export type FirmSettings = z.infer<typeof firmSettingsSchema>;

/** The firm as the pages outside the console show it; every date there is read in its zone. */
export const firmPageSchema = firmSettingsSchema.pick({
  firmName: true,
  logoUrl: true,
  timeZone: true,
});
