import { Heading, Img, Section, Text } from '@react-email/components';
import { EmailFrame } from './email-frame';
import { PortalOnlyFooter, RequestAction, type RecipientAccess } from './request-access';

export interface FileRequestRejectionProps {
  firmName: string;
  logoUrl: string | null;
  greetingName: string;
  subject: string;
  access: RecipientAccess;
  /** How many documents were sent back. */
  count: number;
  /** Only with the firm's "detailed notifications": which ones, and why. */
  items: { title: string; reason: string }[] | null;
}

export const fileRequestRejectionSubject = (p: FileRequestRejectionProps) =>
  `${p.firmName} needs ${p.count === 1 ? 'a document' : `${p.count} documents`} again${p.items ? `: "${p.subject}"` : ''}`;

/** To a request's recipients when staff send documents back: one email for those sent back together. */
export function FileRequestRejectionEmail(p: FileRequestRejectionProps) {
  const lead =
    p.count === 1
      ? `${p.firmName} reviewed a document you sent and needs a new one.`
      : `${p.firmName} reviewed ${p.count} documents you sent and needs new ones.`;
  return (
    <EmailFrame preview={lead}>
      {p.logoUrl && <Img src={p.logoUrl} alt={p.firmName} height="40" />}
      <Heading as="h1" style={{ fontSize: '22px', color: '#1a1f36' }}>
        {p.items ? p.subject : `Documents for ${p.firmName}`}
      </Heading>
      <Text>Hello {p.greetingName},</Text>
      <Text>{lead}</Text>
      {p.items ? (
        <Section>
          {p.items.map((item, i) => (
            <Text key={i} style={{ margin: '4px 0' }}>
              • <strong>{item.title}</strong>: {item.reason}
            </Text>
          ))}
        </Section>
      ) : (
        <Text>The portal shows what to change, next to each document.</Text>
      )}
      <RequestAction access={p.access} firmName={p.firmName} label="Upload again" />
      <PortalOnlyFooter />
    </EmailFrame>
  );
}
