import { randomUUID } from 'node:crypto';
import { isoDate } from '@server/common/http/iso-date';
import { fromHeader, type EmailKind, type OutgoingEmail } from '../../email/outgoing-email';
import type { RenderedEmail } from '../../email/render-email';
import {
  accessLinkLabel,
  accessUrl,
  type RecipientAccess,
} from '../../email/templates/request-access';
import { newAcceptLink, requestPortalPath, type AcceptLink } from '../../invitations/accept-link';
import type { FirmSettings } from '../../settings/settings.view';
import type { LiveRequest, Recipient } from './file-request-delivery.repository';

export interface RecipientEmailContext {
  publicUrl: string;
  settings: FirmSettings;
  request: LiveRequest;
  /** Invitation links minted for the emails, to store in the same transaction. */
  links: AcceptLink[];
}

/**
 * One email of the request to one recipient, with one link: their way in (the request, or
 * their invitation that lands on it). `render` writes the message for that way in.
 */
export async function recipientEmail(
  ctx: RecipientEmailContext,
  r: Recipient,
  email: { kind: EmailKind; key: string },
  render: (access: RecipientAccess, greetingName: string) => Promise<RenderedEmail>,
): Promise<OutgoingEmail> {
  const { access, link } = recipientAccess(ctx.publicUrl, ctx.request.id, r);
  if (link) ctx.links.push(link);
  const message = await render(access, r.first_name || r.email);
  return {
    id: randomUUID(),
    kind: email.kind,
    idempotencyKey: email.key,
    to: r.email,
    from: fromHeader(ctx.settings.firmName, ctx.request.sender_email),
    ...message,
    links: [{ label: accessLinkLabel(access), url: accessUrl(access) }],
    contactId: r.contact_id,
    invitationId: link?.invitationId ?? null,
    fileRequestId: ctx.request.id,
  };
}

/**
 * How the recipient gets to the request from this email. Without a portal account but with a
 * pending invitation, a new link to it (earlier links keep working) sets the password and
 * lands on the request; the caller stores the link with the email.
 */
function recipientAccess(
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
