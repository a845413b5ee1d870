import { Hr, Link, Section, Text } from '@react-email/components';
import { PrimaryButton } from './email-frame';

/**
 * How a recipient reaches a file request from its email: their portal account; or an
 * invitation link in this very email that sets a password and then opens the request; or
 * neither (not set up, and no invitation pending).
 */
export type RecipientAccess =
  | { kind: 'portal'; requestUrl: string }
  | { kind: 'invitation'; acceptUrl: string; expiresAt: Date; invitedNow: boolean }
  | { kind: 'no_account'; requestUrl: string };

/** The email's one link. */
export const accessUrl = (a: RecipientAccess) =>
  a.kind === 'invitation' ? a.acceptUrl : a.requestUrl;

export const accessLinkLabel = (a: RecipientAccess) =>
  a.kind === 'invitation' ? 'Set a password and open the request' : 'Open the request';

const dateFormat = new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeZone: 'UTC' });
const small = { fontSize: '13px', color: '#555' };

/** The call to action of a recipient's email, and what they need to know to use it. */
export function RequestAction(p: { access: RecipientAccess; firmName: string; label: string }) {
  const { access, firmName } = p;
  const url = accessUrl(access);
  return (
    <>
      {access.kind === 'invitation' && (
        <Text>
          {access.invitedNow
            ? `${firmName} has set up a secure client portal for you, where you send your documents. Choose a password with the link below: it then opens this request.`
            : `Your secure client portal at ${firmName} is waiting: choose a password with the link below, and it then opens this request.`}
        </Text>
      )}
      <Section style={{ margin: '24px 0' }}>
        <PrimaryButton href={url}>
          {access.kind === 'invitation' ? 'Set a password and upload' : p.label}
        </PrimaryButton>
      </Section>
      <Text style={small}>
        Or paste this link into your browser: <Link href={url}>{url}</Link>
      </Text>
      {access.kind === 'invitation' && (
        <Text style={small}>
          The link works once and expires on {dateFormat.format(access.expiresAt)}. If it has
          expired, ask {firmName} to send a new one.
        </Text>
      )}
      {access.kind === 'no_account' && (
        <Text style={small}>
          You sign in to your secure client portal to upload. You have not set it up yet: ask{' '}
          {firmName} for an invitation.
        </Text>
      )}
    </>
  );
}

/** The last words of every email to a request's recipients. */
export function PortalOnlyFooter() {
  return (
    <>
      <Hr />
      <Text style={{ fontSize: '12px', color: '#888' }}>
        For your security, documents are exchanged only in the portal, never by email.
      </Text>
    </>
  );
}
