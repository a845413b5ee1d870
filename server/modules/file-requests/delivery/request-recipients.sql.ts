import { pgArray } from '@server/database/pg-array';
import type { SqlRunner } from '@server/database/sql-runner';
import { isoDate } from '@server/common/http/iso-date';
import { newAcceptLink, requestPortalPath, type AcceptLink } from '../../invitations/accept-link';
import type { RecipientAccess } from '../../email/templates/request-access';

export interface Recipient {
  contact_id: string;
  email: string;
  first_name: string | null;
  accepted: boolean;
  /** Their pending invitation, if any (a link to it goes in the email). */
  invitation_id: string | null;
  invitation_expires_at: string | null;
  /** The invitation was made with this request: its email is the invitation. */
  invited_with_request: boolean;
}

/**
 * The recipients who can be emailed: those who still have access to the request's client,
 * at an address that has not bounced or complained.
 */
export function reachableRecipients(
  sql: SqlRunner,
  requestId: string,
  clientId: string,
): Promise<Recipient[]> {
  return sql<Recipient[]>(
    `select ct.id as contact_id, ct.email, ct.first_name,
       ct.portal_status = 'accepted' as accepted, i.id as invitation_id,
       i.expires_at as invitation_expires_at,
       coalesce(i.file_request_id = rr.request_id, false) as invited_with_request
     from file_request_recipient rr join contact ct on ct.id = rr.contact_id
     left join invitation i on i.contact_id = ct.id and i.status = 'pending'
       and i.expires_at > now() and ct.portal_status <> 'accepted'
     where rr.request_id = ?
       and exists (select 1 from contact_client_access a
         where a.contact_id = ct.id and a.client_id = ?)
       and not exists (select 1 from email_suppression s where s.email = lower(ct.email))
     order by lower(ct.email)`,
    [requestId, clientId],
  );
}

/** Those of `recipients` whose email under `keyOf` has not been queued yet (a retried step). */
export async function notYetEmailed(
  sql: SqlRunner,
  recipients: Recipient[],
  keyOf: (r: Recipient) => string,
): Promise<Recipient[]> {
  if (!recipients.length) return [];
  const done = await sql<{ idempotency_key: string }[]>(
    'select idempotency_key from email_message where idempotency_key = any(?::text[])',
    [pgArray(recipients.map(keyOf))],
  );
  const queued = new Set(done.map((d) => d.idempotency_key));
  return recipients.filter((r) => !queued.has(keyOf(r)));
}

/**
 * How the recipient gets to the request from this email. Without a portal account but with a
 * pending invitation, a new link to it (earlier links keep working) sets the password and
 * lands on the request; the caller stores the link with the email.
 */
export function recipientAccess(
  publicUrl: string,
  requestId: string,
  r: Recipient,
): { access: RecipientAccess; link: AcceptLink | null } {
  const landing = requestPortalPath(requestId);
  const requestUrl = `${publicUrl}${landing}`;
  if (r.accepted) return { access: { kind: 'portal', requestUrl }, link: null };
  if (!r.invitation_id || !r.invitation_expires_at) {
    return { access: { kind: 'no_account', requestUrl }, link: null };
  }
  const link = newAcceptLink(publicUrl, r.invitation_id, landing);
  return {
    access: {
      kind: 'invitation',
      acceptUrl: link.url,
      expiresAt: new Date(isoDate(r.invitation_expires_at)),
      invitedNow: r.invited_with_request,
    },
    link,
  };
}
