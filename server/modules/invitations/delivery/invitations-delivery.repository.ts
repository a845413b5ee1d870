import { pgArray } from '@server/database/pg-array';
import type { SqlRunner } from '@server/database/sql-runner';
import { INVITATION_TIMING_COLUMNS, type InvitationTimingRow } from '../invitation-workflow-input';

export interface BatchInvitation extends InvitationTimingRow {
  status: string;
}

/** The next `limit` invitations of a bulk invite at one step (`batch_action`). */
export function findBatchPage(
  sql: SqlRunner,
  batchId: string,
  action: string,
  limit: number,
): Promise<BatchInvitation[]> {
  return sql<BatchInvitation[]>(
    `select ${INVITATION_TIMING_COLUMNS}, status from invitation
         where batch_id = ? and batch_action = ? order by id limit ?`,
    [batchId, action, limit],
  );
}

/** A bulk invite's queued emails not sent yet; joined through the contact, whose index finds a contact's few emails. */
export async function countUnsentBatchEmails(sql: SqlRunner, batchId: string): Promise<number> {
  const [{ n }] = await sql<{ n: number }[]>(
    `select count(*)::int as n from invitation i
       join email_message m on m.contact_id = i.contact_id and m.invitation_id = i.id
       where i.batch_id = ? and i.batch_action = 'queued' and m.status in ('queued', 'sending')`,
    [batchId],
  );
  return n;
}

/**
 * Revokes a cancelled bulk invite's invitations not emailed yet (never queued, or still waiting
 * in the email queue) and takes its re-sends out of the batch; returns how many were revoked.
 */
export async function revokeUnsentBatch(sql: SqlRunner, batchId: string): Promise<number> {
  const [{ revoked }] = await sql<{ revoked: number }[]>(
    `with unsent as (
         select i.id from invitation i
         where i.batch_id = ? and i.status = 'pending' and (i.batch_action = 'start'
           or (i.batch_action = 'queued' and not exists (select 1 from email_message m
             where m.contact_id = i.contact_id and m.invitation_id = i.id
               and m.status not in ('queued', 'cancelled'))))),
       ended as (
         update invitation i set status = 'revoked', ended_at = now(), next_reminder_at = null,
           batch_action = null, updated_at = now()
         from unsent where i.id = unsent.id returning i.id, i.contact_id),
       dead as (
         update invitation_token set revoked_at = now()
         where invitation_id in (select id from ended) and revoked_at is null),
       event as (
         insert into invitation_event (invitation_id, contact_id, kind, detail)
         select id, contact_id, 'revoked', 'Bulk invite cancelled before this email went out'
         from ended),
       contacts as (
         update contact set portal_status = 'revoked', updated_at = now()
         where id in (select contact_id from ended)),
       resends as (
         update invitation set batch_action = null
         where batch_id = ? and batch_action = 'resend')
       select count(*)::int as revoked from ended`,
    [batchId, batchId],
  );
  return revoked;
}

/** Moves the `done` invitations to step `next`; the other `ids` leave the batch. */
export async function moveBatchInvitations(
  sql: SqlRunner,
  ids: string[],
  done: string[],
  next: string | null,
): Promise<void> {
  await sql(
    `update invitation set batch_action = case when id = any(?::uuid[]) then ? end
       where id = any(?::uuid[])`,
    [pgArray(done), next, pgArray(ids)],
  );
}

export interface LiveInvitation {
  id: string;
  contact_id: string;
  sender_email: string;
  max_reminders: number;
  email: string;
  first_name: string | null;
  /** The file request this invitation came with, while it waits for the contact. */
  request_id: string | null;
}

/** The invitations still pending among `ids`, locked, with their contact and open request. */
export function lockPendingInvitations(sql: SqlRunner, ids: string[]): Promise<LiveInvitation[]> {
  return sql<LiveInvitation[]>(
    `select i.id, i.contact_id, i.sender_email, i.max_reminders, ct.email, ct.first_name,
           (select r.id from file_request r where r.id = i.file_request_id and r.status = 'open')
             as request_id
         from invitation i join contact ct on ct.id = i.contact_id
         where i.id = any(?::uuid[]) and i.status = 'pending' for update of i`,
    [pgArray(ids)],
  );
}

/** The idempotency keys among `keys` whose email is already queued. */
export async function findQueuedEmailKeys(sql: SqlRunner, keys: string[]): Promise<Set<string>> {
  const done = await sql<{ idempotency_key: string }[]>(
    'select idempotency_key from email_message where idempotency_key = any(?::text[])',
    [pgArray(keys)],
  );
  return new Set(done.map((d) => d.idempotency_key));
}

/** A re-send: every earlier link of these invitations stops working. */
export async function revokeInvitationLinks(
  sql: SqlRunner,
  invitationIds: string[],
): Promise<void> {
  await sql(
    `update invitation_token set revoked_at = now()
         where invitation_id = any(?::uuid[]) and revoked_at is null`,
    [pgArray(invitationIds)],
  );
}

export interface ReminderState {
  id: string;
  reminders_sent: number;
  next_reminder_at: string | null;
  expires_at: string;
}

export async function setReminderStates(sql: SqlRunner, states: ReminderState[]): Promise<void> {
  await sql(
    `update invitation i set reminders_sent = x.reminders_sent,
         next_reminder_at = x.next_reminder_at, expires_at = x.expires_at, updated_at = now()
       from jsonb_to_recordset(?::jsonb)
         as x(id uuid, reminders_sent int, next_reminder_at timestamptz, expires_at timestamptz)
       where i.id = x.id`,
    [JSON.stringify(states)],
  );
}

export interface InvitationEventRecord {
  invitation_id: string;
  contact_id: string;
  kind: string;
  detail: string;
}

export async function insertInvitationEvents(
  sql: SqlRunner,
  events: InvitationEventRecord[],
): Promise<void> {
  await sql(
    `insert into invitation_event (invitation_id, contact_id, kind, detail)
       select * from jsonb_to_recordset(?::jsonb)
         as x(invitation_id uuid, contact_id uuid, kind text, detail text)`,
    [JSON.stringify(events)],
  );
}
