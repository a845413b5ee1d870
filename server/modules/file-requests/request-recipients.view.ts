import { z } from 'zod';
import { PORTAL_STATUSES } from '../clients/client.enums';
import { fileRequestRecipientViewSchema } from './file-request.view';

/**
 * What sending a request does for a recipient's way in: `portal` they sign in; `invitation`
 * the email carries a link to their pending invitation; `invite` the email invites them (never
 * invited, or the last invitation ended); `unreachable` their address bounced or complained,
 * so no email goes to them and the request refuses them.
 */
export const RECIPIENT_ACCESS_KINDS = ['portal', 'invitation', 'invite', 'unreachable'] as const;
export type RecipientAccessKind = (typeof RECIPIENT_ACCESS_KINDS)[number];

/** One of a client's contacts, as the request dialog offers them. */
export const recipientOptionViewSchema = fileRequestRecipientViewSchema.extend({
  portalStatus: z.enum(PORTAL_STATUSES),
  access: z.enum(RECIPIENT_ACCESS_KINDS),
});
export type RecipientOptionView = z.infer<typeof recipientOptionViewSchema>;
