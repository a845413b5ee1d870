import { Heading, Hr, Link, Section, Text } from '@react-email/components';
import { formatFirmTime } from '@server/common/time/firm-time';
import { EmailFrame, PrimaryButton } from './email-frame';

export type AccountLinkPurpose = 'password_reset' | 'staff_invitation';

export interface AccountLinkEmailProps {
  purpose: AccountLinkPurpose;
  firmName: string;
  /** First name, else the email address. */
  greetingName: string;
  url: string;
  expiresAt: Date;
  timeZone: string;
}

const COPY = {
  password_reset: {
    subject: (firm: string) => `Reset your ${firm} password`,
    lead: (firm: string) => `Someone asked to reset the password of your ${firm} account.`,
    body: 'Choose a new password with the button below. Signing in elsewhere ends once it is set.',
    button: 'Choose a new password',
    ignore:
      'If you did not ask for this, ignore this email: your password stays as it is. Someone may have typed your address by mistake.',
  },
  staff_invitation: {
    subject: (firm: string) => `You are invited to ${firm}'s Client Hub`,
    lead: (firm: string) => `${firm} has created a staff account for you in Client Hub.`,
    body: 'Choose your password with the button below to finish setting it up.',
    button: 'Choose my password',
    ignore: 'If you were not expecting this, you can ignore it.',
  },
} as const;

export const accountLinkSubject = (purpose: AccountLinkPurpose, firmName: string) =>
  COPY[purpose].subject(firmName);

/** A password reset or a staff invitation: one link that sets the account's password. */
export function AccountLinkEmail(props: AccountLinkEmailProps) {
  const { purpose, firmName, greetingName, url, expiresAt, timeZone } = props;
  const copy = COPY[purpose];
  return (
    <EmailFrame preview={copy.lead(firmName)}>
      <Heading as="h1" style={{ fontSize: '22px', color: '#1a1f36' }}>
        {copy.subject(firmName)}
      </Heading>
      <Text>Hello {greetingName},</Text>
      <Text>{copy.lead(firmName)}</Text>
      <Text>{copy.body}</Text>
      <Section style={{ margin: '24px 0' }}>
        <PrimaryButton href={url}>{copy.button}</PrimaryButton>
      </Section>
      <Text style={{ fontSize: '13px', color: '#555' }}>
        Or paste this link into your browser: <Link href={url}>{url}</Link>
      </Text>
      <Text style={{ fontSize: '13px', color: '#555' }}>
        The link works once, until {formatFirmTime(expiresAt, timeZone)}. A newer link replaces it.
      </Text>
      <Hr />
      <Text style={{ fontSize: '12px', color: '#888' }}>{copy.ignore}</Text>
    </EmailFrame>
  );
}
