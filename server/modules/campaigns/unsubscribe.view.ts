import { z } from 'zod';
import { firmPageSchema } from '../settings/settings.view';

/** What the unsubscribe page shows: enough to recognise the firm and the address, no more. */
export const unsubscribeViewSchema = firmPageSchema.pick({ firmName: true, logoUrl: true }).extend({
  /** Masked (a***@example.com): the link may have been forwarded. */
  email: z.string(),
  unsubscribed: z.boolean(),
});
export type UnsubscribeView = z.infer<typeof unsubscribeViewSchema>;
