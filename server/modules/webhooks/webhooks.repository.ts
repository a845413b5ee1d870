import type { SqlRunner } from '../../database/sql-runner';

/** The email an event is about, with whom and which invitation it was for. */
export interface EmailMessageRow {
  id: string;
  to_email: string;
  contact_id: string | null;
  invitation_id: string | null;
}

/** Records the webhook's id; false if it was received before. */
export async function recordWebhookReceipt(sql: SqlRunner, webhookId: string): Promise<boolean> {
  const fresh = await sql<{ id: string }[]>(
    'insert into webhook_receipt (id) values (?) on conflict do nothing returning id',
    [webhookId],
  );
  return fresh.length > 0;
}

/** The message by Resend's id, else by our own id, locked for the event's changes. */
export async function lockEmailMessage(
  sql: SqlRunner,
  providerId: string | null,
  ourId: string | null,
): Promise<EmailMessageRow | undefined> {
  const [message] = await sql<EmailMessageRow[]>(
    `select id, to_email, contact_id, invitation_id from email_message
         where provider_id = ? or id = ?::uuid limit 1 for update`,
    [providerId, ourId],
  );
  return message;
}

/** Delivered, unless a later outcome was recorded first. */
export async function markEmailDelivered(sql: SqlRunner, messageId: string): Promise<void> {
  await sql(
    `update email_message set status = 'delivered', delivered_at = now(), updated_at = now()
       where id = ? and status in ('sent', 'sending', 'queued')`,
    [messageId],
  );
}

export async function setEmailStatus(
  sql: SqlRunner,
  messageId: string,
  status: 'bounced' | 'complained',
): Promise<void> {
  await sql(`update email_message set status = ?, updated_at = now() where id = ?`, [
    status,
    messageId,
  ]);
}

/** No more email to this address (kept lower-case; the first reason stands). */
export async function suppressEmailAddress(
  sql: SqlRunner,
  email: string,
  reason: 'bounced' | 'complained',
  detail: string | null,
): Promise<void> {
  await sql(
    `insert into email_suppression (email, reason, detail) values (lower(?), ?, ?)
       on conflict (email) do nothing`,
    [email, reason, detail],
  );
}

/** The contact's portal status becomes bounced, unless they already accepted. */
export async function markContactBounced(sql: SqlRunner, contactId: string): Promise<void> {
  await sql(
    `update contact set portal_status = 'bounced', updated_at = now()
       where id = ? and portal_status <> 'accepted'`,
    [contactId],
  );
}

/** Ends the contact's pending invitation as bounced; false if none was pending. */
export async function endPendingInvitationBounced(
  sql: SqlRunner,
  contactId: string,
): Promise<boolean> {
  const ended = await sql<{ id: string }[]>(
    `update invitation set status = 'bounced', ended_at = now(), next_reminder_at = null,
         updated_at = now() where contact_id = ? and status = 'pending' returning id`,
    [contactId],
  );
  return ended.length > 0;
}

export async function insertInvitationEvent(
  sql: SqlRunner,
  invitationId: string,
  contactId: string,
  kind: string,
  detail: string,
): Promise<void> {
  await sql(
    `insert into invitation_event (invitation_id, contact_id, kind, detail) values (?, ?, ?, ?)`,
    [invitationId, contactId, kind, detail],
  );
}
