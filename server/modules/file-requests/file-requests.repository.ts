import type { SqlRunner } from '../../database/sql-runner';
import type { FileRequestStatus } from './file-request.view';
import { FileRequestsErrors, requestNotFound } from './file-requests.errors';

export interface LockedRequest {
  id: string;
  client_id: string;
  status: FileRequestStatus;
}

export interface FileRequestEvent {
  requestId: string;
  itemId?: string | null;
  kind: string;
  detail: string;
  staffId?: string | null;
  contactId?: string | null;
}

/** Locks a request that is still open or uploaded; 409 once completed or cancelled. */
export async function lockOpenRequest(sql: SqlRunner, requestId: string): Promise<LockedRequest> {
  const [row] = await sql<LockedRequest[]>(
    'select id, client_id, status from file_request where id = ? for update',
    [requestId],
  );
  if (!row) throw requestNotFound(requestId);
  if (row.status === 'completed' || row.status === 'cancelled') {
    throw FileRequestsErrors.FILE_REQUEST_CLOSED(
      `The request is ${row.status}: it takes no more changes.`,
    );
  }
  return row;
}

/** One line of the request's timeline. */
export async function recordEvent(sql: SqlRunner, e: FileRequestEvent): Promise<void> {
  await sql(
    `insert into file_request_event (request_id, item_id, kind, detail, staff_id, contact_id)
     values (?, ?, ?, ?, ?, ?)`,
    [e.requestId, e.itemId ?? null, e.kind, e.detail, e.staffId ?? null, e.contactId ?? null],
  );
}

/**
 * Derives the request's status from its items after a change: `open` while any item is with
 * the recipients (requested or rejected), `completed` once staff accepted every item, else
 * `uploaded` (staff reviewing). Returns the status before and after.
 */
export async function settleStatus(
  sql: SqlRunner,
  requestId: string,
): Promise<{ before: FileRequestStatus; after: FileRequestStatus }> {
  const [row] = await sql<{ before: FileRequestStatus; after: FileRequestStatus }[]>(
    `with derived as (
       select case
         when bool_or(status in ('requested','rejected')) then 'open'
         when bool_and(status = 'accepted') then 'completed'
         else 'uploaded' end as status
       from file_request_item where request_id = ?),
     old as (select status from file_request where id = ? for update)
     update file_request r set status = d.status, last_activity_at = now(),
       closed_at = case when d.status = 'completed' then now() end
     from derived d, old o where r.id = ?
     returning o.status as before, r.status as after`,
    [requestId, requestId, requestId],
  );
  return row;
}

/** The request's status; undefined when it is gone. */
export async function findRequestStatus(
  sql: SqlRunner,
  requestId: string,
): Promise<FileRequestStatus | undefined> {
  const [row] = await sql<{ status: FileRequestStatus }[]>(
    'select status from file_request where id = ?',
    [requestId],
  );
  return row?.status;
}

/** The client of a request; undefined when it is gone. */
export async function findRequestClient(
  sql: SqlRunner,
  requestId: string,
): Promise<string | undefined> {
  const [row] = await sql<{ client_id: string }[]>(
    'select client_id from file_request where id = ?',
    [requestId],
  );
  return row?.client_id;
}

/** What the request's workflow starts from. */
export async function findWorkflowFacts(
  sql: SqlRunner,
  requestId: string,
): Promise<{ due_at: string | null; client_id: string; created_at: string } | undefined> {
  const [row] = await sql<{ due_at: string | null; client_id: string; created_at: string }[]>(
    'select due_at, client_id, created_at from file_request where id = ?',
    [requestId],
  );
  return row;
}

/** Whether the contact is a recipient who still has access to the request's client. */
export async function isRecipientWithAccess(
  sql: SqlRunner,
  requestId: string,
  contactId: string,
): Promise<boolean> {
  const rows = await sql<unknown[]>(
    `select 1 from file_request r
       join file_request_recipient rr on rr.request_id = r.id and rr.contact_id = ?
       join portal_client_access a on a.client_id = r.client_id and a.contact_id = ?
       where r.id = ?`,
    [contactId, contactId, requestId],
  );
  return rows.length > 0;
}

export async function cancelRequest(sql: SqlRunner, requestId: string): Promise<void> {
  await sql(
    `update file_request set status = 'cancelled', closed_at = now(), last_activity_at = now()
         where id = ?`,
    [requestId],
  );
}

/**
 * Claims a reminder of an open request at most once per `cooldown` seconds; undefined when
 * it is not open or reminded too recently.
 */
export async function claimReminder(
  sql: SqlRunner,
  requestId: string,
  cooldown: number,
): Promise<{ due_at: string | null } | undefined> {
  const [claimed] = await sql<{ due_at: string | null }[]>(
    `update file_request set last_reminded_at = now() where id = ? and status = 'open'
         and (last_reminded_at is null or last_reminded_at <= now() - make_interval(secs => ?))
       returning due_at`,
    [requestId, cooldown],
  );
  return claimed;
}

/** Gives back a claimed reminder that sent nothing. */
export async function releaseReminder(sql: SqlRunner, requestId: string): Promise<void> {
  await sql('update file_request set last_reminded_at = null where id = ?', [requestId]);
}

/** The request's status, and when the next reminder may go; undefined when it is gone. */
export async function findReminderState(
  sql: SqlRunner,
  requestId: string,
  cooldown: number,
): Promise<{ status: string; retry_at: string | null } | undefined> {
  const [row] = await sql<{ status: string; retry_at: string | null }[]>(
    `select status, last_reminded_at + make_interval(secs => ?) as retry_at
         from file_request where id = ?`,
    [cooldown, requestId],
  );
  return row;
}
