import { z } from 'zod';
import { timestampField } from '../../common/http/view-fields';
import { firmPageSchema } from '../settings/settings.view';

/** An emailed link that sets a password (a reset, a staff invitation), before it is used. */
export const accountLinkPreviewSchema = z.object({
  purpose: z.enum(['password_reset', 'staff_invitation']),
  /** Staff sign in to the console, contacts to the portal. */
  audience: z.enum(['staff', 'contact']),
  email: z.string(),
  ...firmPageSchema.shape,
  expiresAt: timestampField,
});
export type AccountLinkPreview = z.infer<typeof accountLinkPreviewSchema>;
