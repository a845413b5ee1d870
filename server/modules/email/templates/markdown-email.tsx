import { Hr, Img, Link, Section, Text } from '@react-email/components';
import { EmailFrame } from './email-frame';

export interface MarkdownEmailProps {
  firmName: string;
  logoUrl: string | null;
  preview: string;
  /** Markdown already rendered to safe HTML (raw HTML in the source is escaped). */
  bodyHtml: string;
  /** Campaigns only: where the recipient stops them. */
  unsubscribeUrl: string | null;
}

/** A message staff wrote in Markdown (campaigns, playbook emails), in the firm's frame. */
export function MarkdownEmail(p: MarkdownEmailProps) {
  return (
    <EmailFrame preview={p.preview}>
      {p.logoUrl && <Img src={p.logoUrl} alt={p.firmName} height="40" />}
      <Section>
        <div
          style={{ fontSize: '15px', lineHeight: '22px', color: '#1a1f36' }}
          dangerouslySetInnerHTML={{ __html: p.bodyHtml }}
        />
      </Section>
      <Hr />
      <Text style={{ fontSize: '12px', color: '#888' }}>
        Sent by {p.firmName}.
        {p.unsubscribeUrl && (
          <>
            {' '}
            Don&apos;t want these updates? <Link href={p.unsubscribeUrl}>Unsubscribe</Link>.
            Invitations and document requests from {p.firmName} still reach you.
          </>
        )}
      </Text>
    </EmailFrame>
  );
}
