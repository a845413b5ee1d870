import { z } from 'zod';

export const passwordResetRequestSchema = z.strictObject({
  email: z.email({ message: 'is not a valid email address' }).max(320).toLowerCase(),
  /** A client contact of the portal rather than staff of the console. */
  portal: z.boolean().optional(),
});
export type PasswordResetRequestInput = z.infer<typeof passwordResetRequestSchema>;
