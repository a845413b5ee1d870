import { Heading, Section, Text } from '@react-email/components';
import { EmailFrame, PrimaryButton } from './email-frame';

export interface FileRequestDigestProps {
  firmName: string;
  staffName: string;
  clientName: string;
  subject: string;
  items: { title: string; status: 'uploaded' | 'not_applicable' | 'accepted' }[];
  reviewUrl: string;
}

const STATUS_TEXT = {
  uploaded: 'uploaded',
  not_applicable: 'marked not applicable',
  accepted: 'already accepted',
} as const;

export const fileRequestDigestSubject = (p: FileRequestDigestProps) =>
  `Ready to review: ${p.clientName}, "${p.subject}"`;

/** To staff, once each time a request becomes fully uploaded. */
export function FileRequestDigestEmail(p: FileRequestDigestProps) {
  return (
    <EmailFrame preview={`${p.clientName} answered every item of "${p.subject}"`}>
      <Heading as="h1" style={{ fontSize: '20px', color: '#1a1f36' }}>
        {p.clientName} answered your request
      </Heading>
      <Text>Hello {p.staffName},</Text>
      <Text>Every item of &quot;{p.subject}&quot; has an answer and waits for your review:</Text>
      {p.items.map((item, i) => (
        <Text key={i} style={{ margin: '4px 0' }}>
          • {item.title}: {STATUS_TEXT[item.status]}
        </Text>
      ))}
      <Section style={{ marginTop: '16px' }}>
        <PrimaryButton href={p.reviewUrl}>Review in Client Hub</PrimaryButton>
      </Section>
      <Text style={{ fontSize: '12px', color: '#888' }}>Sent by Client Hub for {p.firmName}.</Text>
    </EmailFrame>
  );
}
