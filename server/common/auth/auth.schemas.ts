import { z } from 'zod';
import { newPasswordSchema } from './password-policy';

export const loginSchema = z.strictObject({
  email: z.string().trim().toLowerCase().min(1, 'is required').max(320),
  password: z.string().min(1, 'is required').max(1024),
  /** A client contact signing into the portal rather than staff into the console. */
  portal: z.boolean().optional(),
});
export type LoginInput = z.infer<typeof loginSchema>;

export const changePasswordSchema = z.strictObject({
  currentPassword: z.string().min(1, 'is required').max(1024),
  newPassword: newPasswordSchema,
});
export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;
