import {
  Body,
  Button,
  Container,
  Head,
  Heading,
  Html,
  Preview,
  Text,
} from '@react-email/components';

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
    <Html lang="en">
      <Head />
      <Preview>{`${p.clientName} answered every item of "${p.subject}"`}</Preview>
      <Body style={{ backgroundColor: '#f4f5f7', fontFamily: 'Helvetica, Arial, sans-serif' }}>
        <Container style={{ backgroundColor: '#ffffff', padding: '32px', maxWidth: '560px' }}>
          <Heading as="h1" style={{ fontSize: '20px', color: '#1a1f36' }}>
            {p.clientName} answered your request
          </Heading>
          <Text>Hello {p.staffName},</Text>
          <Text>
            Every item of &quot;{p.subject}&quot; has an answer and waits for your review:
          </Text>
          {p.items.map((item, i) => (
            <Text key={i} style={{ margin: '4px 0' }}>
              • {item.title}: {STATUS_TEXT[item.status]}
            </Text>
          ))}
          <Button
            href={p.reviewUrl}
            style={{
              backgroundColor: '#1565c0',
              color: '#ffffff',
              padding: '12px 20px',
              borderRadius: '4px',
              marginTop: '16px',
            }}
          >
            Review in Client Hub
          </Button>
          <Text style={{ fontSize: '12px', color: '#888' }}>
            Sent by Client Hub for {p.firmName}.
          </Text>
        </Container>
      </Body>
    </Html>
  );
}
