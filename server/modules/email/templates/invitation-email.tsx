import { Heading, Hr, Img, Link, Section, Text } from '@react-email/components';
import { EmailFrame, PrimaryButton } from './email-frame';

export type InvitationEmailKind = 'invitation' | 'reminder' | 'resend';

export interface InvitationEmailProps {
  kind: InvitationEmailKind;
  firmName: string;
  logoUrl: string | null;
  /** First name, else the email address. */
  greetingName: string;
  acceptUrl: string;
  expiresAt: Date;
  /** Invited with a file request that still waits for them: the link lands on it. */
  requestWaiting?: boolean;
}

const dateFormat = new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeZone: 'UTC' });

export function invitationSubject(kind: InvitationEmailKind, firmName: string): string {
  return kind === 'reminder'
    ? `Reminder: ${firmName} is waiting for you in your client portal`
    : `${firmName} invites you to your secure client portal`;
}

const lead: Record<InvitationEmailKind, (firm: string) => string> = {
  invitation: (firm) => `${firm} has set up a secure client portal for you.`,
  resend: (firm) => `${firm} sent you a new link to your secure client portal.`,
  reminder: (firm) => `${firm} invited you to your secure client portal and is still waiting.`,
};

/** The invitation, its reminders and its re-sends: one template, one call to action. */
export function InvitationEmail(props: InvitationEmailProps) {
  const { kind, firmName, logoUrl, greetingName, acceptUrl, expiresAt, requestWaiting } = props;
  return (
    <EmailFrame preview={lead[kind](firmName)}>
      {logoUrl && <Img src={logoUrl} alt={firmName} height="40" />}
      <Heading as="h1" style={{ fontSize: '22px', color: '#1a1f36' }}>
        Your client portal at {firmName}
      </Heading>
      <Text>Hello {greetingName},</Text>
      <Text>{lead[kind](firmName)}</Text>
      <Text>
        There you can exchange documents with us securely, answer our requests and follow your
        files. Choose a password to get started.
      </Text>
      {requestWaiting && (
        <Text>
          {firmName} is also waiting for documents from you: once your password is set, the link
          opens their request.
        </Text>
      )}
      <Section style={{ margin: '24px 0' }}>
        <PrimaryButton href={acceptUrl}>Accept invitation</PrimaryButton>
      </Section>
      <Text style={{ fontSize: '13px', color: '#555' }}>
        Or paste this link into your browser: <Link href={acceptUrl}>{acceptUrl}</Link>
      </Text>
      <Text style={{ fontSize: '13px', color: '#555' }}>
        The link works once and expires on {dateFormat.format(expiresAt)}. If it has expired, ask{' '}
        {firmName} to send a new one.
      </Text>
      <Hr />
      <Text style={{ fontSize: '12px', color: '#888' }}>
        You receive this email because {firmName} invited you. If you were not expecting it, you can
        ignore it.
      </Text>
    </EmailFrame>
  );
}
