import { Heading, Img, Section, Text } from '@react-email/components';
import { EmailFrame } from './email-frame';
import { PortalOnlyFooter, RequestAction, type RecipientAccess } from './request-access';
import type { FileRequestEmailKind } from '@workflows/file-request/file-request.contract';

export interface FileRequestEmailProps {
  kind: FileRequestEmailKind;
  firmName: string;
  logoUrl: string | null;
  greetingName: string;
  subject: string;
  access: RecipientAccess;
  dueAt: Date | null;
  /** The firm's: a due day ends at its midnight, so the day is read there. */
  timeZone: string;
  /** Only with the firm's "detailed notifications": the description, message and item titles. */
  details: { description: string | null; message: string | null; items: string[] } | null;
  /** Items still waiting for the recipients. */
  outstanding: number;
}

const leads: Record<FileRequestEmailKind, (p: FileRequestEmailProps) => string> = {
  request: (p) => `${p.firmName} is asking you for documents.`,
  reminder: (p) => `${p.firmName} is still waiting for documents from you.`,
  reminder_before: (p) => `A friendly reminder: ${p.firmName} needs your documents by ${due(p)}.`,
  reminder_due: (p) => `Your documents for ${p.firmName} are due today.`,
  reminder_overdue: (p) => `Your documents for ${p.firmName} were due on ${due(p)}.`,
};

const due = (p: FileRequestEmailProps) =>
  p.dueAt
    ? new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeZone: p.timeZone }).format(p.dueAt)
    : '';

export function fileRequestEmailSubject(p: FileRequestEmailProps): string {
  const what = p.details ? p.subject : 'documents';
  switch (p.kind) {
    case 'request':
      return `${p.firmName} requests ${p.details ? `"${p.subject}"` : 'documents from you'}`;
    case 'reminder_overdue':
      return `Overdue: ${p.firmName} is waiting for ${what}`;
    default:
      return `Reminder: ${p.firmName} is waiting for ${what}`;
  }
}

/** A file request and its reminders: what is asked, by when, and one link to the portal. */
export function FileRequestEmail(p: FileRequestEmailProps) {
  const lead = leads[p.kind](p);
  return (
    <EmailFrame preview={lead}>
      {p.logoUrl && <Img src={p.logoUrl} alt={p.firmName} height="40" />}
      <Heading as="h1" style={{ fontSize: '22px', color: '#1a1f36' }}>
        {p.details ? p.subject : `Documents requested by ${p.firmName}`}
      </Heading>
      <Text>Hello {p.greetingName},</Text>
      <Text>{lead}</Text>
      {p.details?.description && <Text>{p.details.description}</Text>}
      {p.details?.message && <Text style={{ fontStyle: 'italic' }}>{p.details.message}</Text>}
      {p.details && p.details.items.length > 1 && (
        <Section>
          {p.details.items.map((title, i) => (
            <Text key={i} style={{ margin: '4px 0' }}>
              • {title}
            </Text>
          ))}
        </Section>
      )}
      {p.kind !== 'request' && (
        <Text>
          {p.outstanding === 1
            ? 'One document is still missing.'
            : `${p.outstanding} documents are still missing.`}
        </Text>
      )}
      {p.dueAt && p.kind === 'request' && <Text>Please send them by {due(p)}.</Text>}
      <RequestAction access={p.access} firmName={p.firmName} label="Upload documents" />
      <PortalOnlyFooter />
    </EmailFrame>
  );
}
