import { pgArray } from '@server/database/pg-array';
import type { SqlRunner } from '@server/database/sql-runner';
import {
  INVITATION_TIMING_COLUMNS,
  type InvitationTimingRow,
} from '../../invitations/invitation-workflow-input';
import type { FileRequestItemStatus } from '../file-request.view';

/** A request as its emails need it. */
export interface LiveRequest {
  id: string;
  client_id: string;
  client_name: string;
  subject: string;
  description: string | null;
  message: string | null;
  due_at: string | null;
  status: string;
  sender_email: string;
  created_by_staff_id: string | null;
}

export interface Recipient {
  contact_id: string;
  email: string;
  first_name: string | null;
  accepted: boolean;
  /** Their pending invitation, if any (a link to it goes in the email). */
  invitation_id: string | null;
  invitation_expires_at: string | null;
  /** The invitation was made with this request: its email is the invitation. */
  invited_with_request: boolean;
}

/** Staff to tell that a request waits for their review. */
export interface Reviewer {
  id: string;
  email: string;
  first_name: string;
}

/** Selects `id` of the requests still open or uploaded after `?`, ordered by id, limit `?`. */
export const LIVE_REQUEST_IDS_SQL = `select id from file_request where status in ('open','uploaded') and id > ?
        order by id limit ?`;

/** Locks the request while its emails are written (an ended one sends nothing); undefined if gone. */
export async function lockLiveRequest(
  sql: SqlRunner,
  requestId: string,
): Promise<LiveRequest | undefined> {
  const [row] = await sql<LiveRequest[]>(
    `select r.id, r.client_id, c.display_name as client_name, r.subject, r.description,
       r.message, r.due_at, r.status, r.sender_email, r.created_by_staff_id
     from file_request r join client c on c.id = r.client_id where r.id = ? for update of r`,
    [requestId],
  );
  return row;
}

/**
 * The recipients who can be emailed: those who still have access to the request's client,
 * at an address that has not bounced or complained.
 */
export function reachableRecipients(
  sql: SqlRunner,
  requestId: string,
  clientId: string,
): Promise<Recipient[]> {
  return sql<Recipient[]>(
    `select ct.id as contact_id, ct.email, ct.first_name,
       ct.portal_status = 'accepted' as accepted, i.id as invitation_id,
       i.expires_at as invitation_expires_at,
       coalesce(i.file_request_id = rr.request_id, false) as invited_with_request
     from file_request_recipient rr join contact ct on ct.id = rr.contact_id
     left join invitation i on i.contact_id = ct.id and i.status = 'pending'
       and i.expires_at > now() and ct.portal_status <> 'accepted'
     where rr.request_id = ?
       and exists (select 1 from contact_client_access a
         where a.contact_id = ct.id and a.client_id = ?)
       and not exists (select 1 from email_suppression s where s.email = lower(ct.email))
     order by lower(ct.email)`,
    [requestId, clientId],
  );
}

/** Those of `recipients` whose email under `keyOf` has not been queued yet (a retried step). */
export async function notYetEmailed(
  sql: SqlRunner,
  recipients: Recipient[],
  keyOf: (r: Recipient) => string,
): Promise<Recipient[]> {
  if (!recipients.length) return [];
  const done = await sql<{ idempotency_key: string }[]>(
    'select idempotency_key from email_message where idempotency_key = any(?::text[])',
    [pgArray(recipients.map(keyOf))],
  );
  const queued = new Set(done.map((d) => d.idempotency_key));
  return recipients.filter((r) => !queued.has(keyOf(r)));
}

/** Sets the overdue flag; false when it was set already. */
export async function markOverdue(sql: SqlRunner, requestId: string): Promise<boolean> {
  const [changed] = await sql<{ id: string }[]>(
    'update file_request set overdue = true where id = ? and not overdue returning id',
    [requestId],
  );
  return Boolean(changed);
}

/** The timeline says reminders have stopped, if the request is still there. */
export async function recordRemindersStopped(
  sql: SqlRunner,
  requestId: string,
  detail: string,
): Promise<void> {
  await sql(
    `insert into file_request_event (request_id, kind, detail)
       select id, 'reminders_stopped', ? from file_request where id = ?`,
    [detail, requestId],
  );
}

/** The request's items in order (the caller may know their statuses narrower). */
export function findItemTitles<S extends FileRequestItemStatus = FileRequestItemStatus>(
  sql: SqlRunner,
  requestId: string,
): Promise<{ title: string; status: S }[]> {
  return sql<{ title: string; status: S }[]>(
    'select title, status from file_request_item where request_id = ? order by position',
    [requestId],
  );
}

export async function countReminderSent(sql: SqlRunner, requestId: string): Promise<void> {
  await sql(
    `update file_request set reminders_sent = reminders_sent + 1, last_reminded_at = now()
             where id = ?`,
    [requestId],
  );
}

/** One `invited` line with `detail` on the timeline of each invitation. */
export async function recordInvitationsSent(
  sql: SqlRunner,
  detail: string,
  invited: Pick<Recipient, 'invitation_id' | 'contact_id'>[],
): Promise<void> {
  await sql(
    `insert into invitation_event (invitation_id, contact_id, kind, detail)
       select x.invitation_id, x.contact_id, 'invited', ?
       from jsonb_to_recordset(?::jsonb) as x(invitation_id uuid, contact_id uuid)`,
    [detail, JSON.stringify(invited)],
  );
}

/** The pending invitations made with the request. */
export function findRequestInvitations(
  sql: SqlRunner,
  requestId: string,
): Promise<InvitationTimingRow[]> {
  return sql<InvitationTimingRow[]>(
    `select ${INVITATION_TIMING_COLUMNS} from invitation
         where file_request_id = ? and status = 'pending'`,
    [requestId],
  );
}

/** The id of the request's latest answer (upload or not applicable). */
export async function lastAnswerEventId(sql: SqlRunner, requestId: string): Promise<string> {
  const [last] = await sql<{ id: string }[]>(
    `select max(id)::text as id from file_request_event
         where request_id = ? and kind in ('uploaded','not_applicable')`,
    [requestId],
  );
  return last.id;
}

/**
 * Who reviews the request: its creator while active and still seeing the client, else the
 * client's owners.
 */
export function findReviewers(
  sql: SqlRunner,
  creatorId: string | null,
  clientId: string,
): Promise<Reviewer[]> {
  return sql<Reviewer[]>(
    `with creator as (
           select s.id from staff_user s where s.id = ? and s.active and (
             s.roles && '{entities_admin,staff_admin}'::text[]
             or exists (select 1 from staff_client_access a
               where a.staff_user_id = s.id and a.client_id = ?)))
         select s.id, s.email, s.first_name from staff_user s
         where s.active and (s.id in (select id from creator)
           or (not exists (select 1 from creator) and s.id in (select staff_user_id
             from staff_client_access where client_id = ? and role = 'owner')))`,
    [creatorId, clientId, clientId],
  );
}

/** The request's rejected items not emailed yet, in order. */
export function findUnemailedRejections(
  sql: SqlRunner,
  requestId: string,
): Promise<{ id: string; title: string; reason: string }[]> {
  return sql<{ id: string; title: string; reason: string }[]>(
    `select id, title, coalesce(rejection_reason, '') as reason from file_request_item
         where request_id = ? and status = 'rejected' and rejection_emailed_at is null
         order by position`,
    [requestId],
  );
}

export async function markRejectionsEmailed(sql: SqlRunner, itemIds: string[]): Promise<void> {
  await sql('update file_request_item set rejection_emailed_at = now() where id = any(?::uuid[])', [
    pgArray(itemIds),
  ]);
}

/** The id of the request's latest review. */
export async function lastReviewEventId(sql: SqlRunner, requestId: string): Promise<string> {
  const [last] = await sql<{ id: string }[]>(
    `select max(id)::text as id from file_request_event where request_id = ? and kind = 'reviewed'`,
    [requestId],
  );
  return last.id;
}
