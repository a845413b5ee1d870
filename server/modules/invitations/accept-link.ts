import { hashSecretToken, newSecretToken } from '../../common/crypto/secret-token';
import type { SqlRunner } from '../../database/sql-runner';

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

/** Each link opens its invitation until it ends or a re-send replaces it; earlier ones too. */
export async function storeAcceptLinks(sql: SqlRunner, links: AcceptLink[]): Promise<void> {
  if (!links.length) return;
  await sql(
    `insert into invitation_token (token_hash, invitation_id)
     select * from jsonb_to_recordset(?::jsonb) as x(token_hash text, invitation_id uuid)`,
    [
      JSON.stringify(
        links.map((l) => ({ token_hash: l.tokenHash, invitation_id: l.invitationId })),
      ),
    ],
  );
}
