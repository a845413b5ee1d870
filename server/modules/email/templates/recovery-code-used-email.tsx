import { Heading, Hr, Text } from '@react-email/components';
import { formatFirmTime } from '@server/common/time/firm-time';
import { EmailFrame } from './email-frame';

export interface RecoveryCodeUsedEmailProps {
  firmName: string;
  /** First name, else the email address. */
  greetingName: string;
  usedAt: Date;
  timeZone: string;
  ip: string | null;
  codesLeft: number;
}

export const recoveryCodeUsedSubject = (firmName: string) =>
  `A recovery code was used to sign in to ${firmName}`;

/** Tells the account owner that a recovery code stood in for their authenticator. */
export function RecoveryCodeUsedEmail(props: RecoveryCodeUsedEmailProps) {
  const { firmName, greetingName, usedAt, timeZone, ip, codesLeft } = props;
  const subject = recoveryCodeUsedSubject(firmName);
  return (
    <EmailFrame preview={subject}>
      <Heading as="h1" style={{ fontSize: '22px', color: '#1a1f36' }}>
        {subject}
      </Heading>
      <Text>Hello {greetingName},</Text>
      <Text>
        Your account was signed in to with one of your recovery codes instead of your authenticator
        app, on {formatFirmTime(usedAt, timeZone)}
        {ip ? ` from the address ${ip}` : ''}. That code no longer works; {codesLeft} remain.
      </Text>
      <Hr />
      <Text style={{ fontSize: '12px', color: '#888' }}>
        If this was not you, someone knows your password and has one of your recovery codes: change
        your password and generate new recovery codes now, and tell {firmName}.
      </Text>
    </EmailFrame>
  );
}
