import type { SqlRunner } from '../../database/sql-runner';
import type { OutboxMessage } from './outbox.view';
import type { EmailDelivery, OutgoingEmail } from './outgoing-email';

// A password reset link opens its account: the Outbox never shows it, nor the body that holds it.
export const HIDDEN_KIND = 'password_reset';
const SECRET_KIND = `kind = '${HIDDEN_KIND}'`;
const COLUMNS = `id, kind, to_email as "toEmail", from_email as "fromEmail", subject, status,
  contact_id as "contactId", invitation_id as "invitationId",
  case when ${SECRET_KIND} then '[]'::jsonb else links end as links, error,
  created_at as "createdAt", sent_at as "sentAt", delivered_at as "deliveredAt"`;

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

/** One email as the Outbox shows it (dates as stored), with its bodies unless they are secret. */
export async function findOutboxMessage(
  sql: SqlRunner,
  id: string,
): Promise<OutboxMessage | undefined> {
  const [row] = await sql<OutboxMessage[]>(
    `select ${COLUMNS}, case when ${SECRET_KIND}
         then 'Hidden: this email holds a password reset link for its recipient alone.'
         else text_body end as text,
       case when ${SECRET_KIND} then null else html_body end as html
       from email_message where id = ?`,
    [id],
  );
  return row;
}
