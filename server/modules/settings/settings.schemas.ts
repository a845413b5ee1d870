import { z } from 'zod';

const DAY = 86_400;

/** An IANA zone name Node's Intl knows (UTC included). */
function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return zone.length <= 64;
  } catch {
    return false;
  }
}
const domain = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, {
    message: 'must be domain names like yourfirm.com',
  });

export const MFA_POLICIES = ['required', 'optional'] as const;
export type MfaPolicy = (typeof MFA_POLICIES)[number];

/** Partial; `id` and `emailDelivery` are read-only and ignored (react-admin sends whole records). */
export const updateSettingsSchema = z.strictObject({
  id: z.unknown().optional(),
  emailDelivery: z.unknown().optional(),
  firmName: z.string().trim().min(1, 'is required').max(200).optional(),
  logoUrl: z
    .string()
    .trim()
    .max(2000)
    .transform((v) => v || null)
    .pipe(z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).nullable())
    .nullable()
    .optional(),
  sendingDomains: z
    .array(domain)
    .max(20)
    .transform((d) => [...new Set(d)])
    .optional(),
  defaultSender: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.email({ message: 'is not a valid email address' }))
    .nullish(),
  reminderIntervalSeconds: z
    .number()
    .int()
    .min(1)
    .max(365 * DAY)
    .optional(),
  maxReminders: z.number().int().min(0).max(20).optional(),
  invitationExpirySeconds: z
    .number()
    .int()
    .min(1)
    .max(365 * DAY)
    .optional(),
  detailedNotifications: z.boolean().optional(),
  timeZone: z
    .string()
    .refine(isTimeZone, { message: 'must be an IANA time zone like America/New_York' })
    .optional(),
  requestReminderDaysBefore: z
    .array(z.number().int().min(1).max(60))
    .max(5)
    .transform((d) => [...new Set(d)].sort((a, b) => b - a))
    .optional(),
  requestOverdueIntervalDays: z.number().int().min(1).max(90).optional(),
  staffMfa: z.enum(MFA_POLICIES).optional(),
  contactMfa: z.enum(MFA_POLICIES).optional(),
});
export type UpdateSettingsInput = z.infer<typeof updateSettingsSchema>;
