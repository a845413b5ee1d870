import { hashSecretToken, newSecretToken } from '../../common/crypto/secret-token';

export interface AcceptLink {
  url: string;
  invitationId: string;
  /** Only the hash is stored: the link itself is in the email alone. */
  tokenHash: string;
}

/** The portal page of a file request: where a link about it lands. */
export const requestPortalPath = (requestId: string) => `/portal/requests/${requestId}`;

/**
 * A new single-use link that accepts the invitation; with `landing` (a portal path), the
 * portal opens that page once the password is set.
 */
export function newAcceptLink(
  publicUrl: string,
  invitationId: string,
  landing?: string,
): AcceptLink {
  const token = newSecretToken();
  const next = landing ? `&next=${encodeURIComponent(landing)}` : '';
  return {
    url: `${publicUrl}/portal/accept?token=${token}${next}`,
    invitationId,
    tokenHash: hashSecretToken(token),
  };
}
