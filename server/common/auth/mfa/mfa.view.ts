import { z } from 'zod';
import { timestampField } from '../../http/view-fields';

/** Whether the caller's two-step sign-in is on, and whether the firm requires it. */
export const mfaStatusSchema = z.object({
  enrolled: z.boolean(),
  /** The firm requires a second factor of this kind of account. */
  required: z.boolean(),
  enrolledAt: timestampField.nullable(),
  recoveryCodesLeft: z.number().int(),
});
export type MfaStatus = z.infer<typeof mfaStatusSchema>;

export const enrolmentStartSchema = z.object({
  /** The secret in base32, for typing into an app that cannot scan. */
  secret: z.string(),
  otpauthUrl: z.string(),
  /** The QR code of otpauthUrl, as an SVG data URL. */
  qrCode: z.string(),
});
export type EnrolmentStart = z.infer<typeof enrolmentStartSchema>;

/** The password was right; this step is due before a session (the `ch_mfa` cookie holds it). */
export const secondFactorDueSchema = z.object({ secondFactor: z.enum(['code', 'enrol']) });
export type SecondFactorDue = z.infer<typeof secondFactorDueSchema>;

export const recoveryCodesSchema = z.object({ recoveryCodes: z.array(z.string()) });

/** A Staff Admin's reset: whether there was a factor to take away. */
export const mfaResetSchema = z.object({ removed: z.boolean() });
