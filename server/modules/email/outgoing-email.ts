import type { SqlRunner } from '../../database/sql-runner';

export const EMAIL_KINDS = [
  'invitation',
  'reminder',
  'file_request',
  'file_request_reminder',
  'file_request_digest',
  'campaign',
  'playbook',
  'password_reset',
  'staff_invitation',
  'security_notice',
] as const;
export type EmailKind = (typeof EMAIL_KINDS)[number];
export type EmailDelivery = 'resend' | 'outbox';

export interface EmailLink {
  label: string;
  url: string;
}

export interface OutgoingEmail {
  id: string;
  kind: EmailKind;
  /** One email per key, ever: a retried activity finds its email already there. */
  idempotencyKey: string;
  to: string;
  from: string;
  subject: string;
  html: string;
  text: string;
  links: EmailLink[];
  contactId: string | null;
  invitationId: string | null;
  fileRequestId?: string | null;
  campaignId?: string | null;
  /** Extra headers (List-Unsubscribe); dropped from storage once sent, like the links. */
  headers?: Record<string, string> | null;
  /** Sent after every transactional email queued (a campaign, a bulk invite). */
  bulk?: boolean;
}

/** `"Firm" <sender@firm.com>`, with nothing in the firm name that could break the header. */
export const fromHeader = (firmName: string, sender: string) =>
  `"${firmName.replace(/["<>\\\r\n]/g, '').trim()}" <${sender}>`;

/** The From of the firm's account emails: its default sender, else no-reply at this server. */
export const accountEmailFrom = (
  settings: { firmName: string; defaultSender: string | null },
  publicUrl: string,
) =>
  fromHeader(
    settings.firmName,
    settings.defaultSender ?? `no-reply@${new URL(publicUrl).hostname}`,
  );

/**
 * Records emails in the transaction of the change that causes them (a transactional outbox).
 * Without Resend they stop here as `recorded`, for the console's Outbox; else the dispatcher
 * sends them. Returns how many were new.
 */
export async function insertOutgoingEmails(
  sql: SqlRunner,
  emails: OutgoingEmail[],
  delivery: EmailDelivery,
): Promise<number> {
  if (!emails.length) return 0;
  const rows = emails.map((e) => ({
    id: e.id,
    kind: e.kind,
    idempotency_key: e.idempotencyKey,
    to_email: e.to,
    from_email: e.from,
    subject: e.subject,
    html_body: e.html,
    text_body: e.text,
    links: e.links,
    contact_id: e.contactId,
    invitation_id: e.invitationId,
    file_request_id: e.fileRequestId ?? null,
    campaign_id: e.campaignId ?? null,
    headers: e.headers ?? null,
    bulk: e.bulk ?? false,
  }));
  const inserted = await sql<{ id: string }[]>(
    `insert into email_message (id, kind, idempotency_key, to_email, from_email, subject,
       html_body, text_body, links, contact_id, invitation_id, file_request_id, campaign_id,
       headers, bulk, status)
     select x.*, ?
     from jsonb_to_recordset(?::jsonb) as x(id uuid, kind text, idempotency_key text,
       to_email text, from_email text, subject text, html_body text, text_body text,
       links jsonb, contact_id uuid, invitation_id uuid, file_request_id uuid,
       campaign_id uuid, headers jsonb, bulk boolean)
     on conflict (idempotency_key) do nothing
     returning id`,
    [delivery === 'outbox' ? 'recorded' : 'queued', JSON.stringify(rows)],
  );
  return inserted.length;
}
