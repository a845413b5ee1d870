import type { PortalStatus } from '../clients/client.enums';

/**
 * What sending a request does for a recipient's way in: `portal` they sign in; `invitation`
 * the email carries a link to their pending invitation; `invite` the email invites them (never
 * invited, or the last invitation ended); `unreachable` their address bounced or complained,
 * so no email goes to them and the request refuses them.
 */
export type RecipientAccessKind = 'portal' | 'invitation' | 'invite' | 'unreachable';

/** One of a client's contacts, as the request dialog offers them. */
export interface RecipientOptionView {
  id: string;
  name: string;
  email: string;
  portalStatus: PortalStatus;
  access: RecipientAccessKind;
}
