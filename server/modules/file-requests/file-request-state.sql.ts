import type { SqlRunner } from '../../database/sql-runner';
import type { FileRequestStatus } from './file-request.view';

export interface FileRequestEvent {
  requestId: string;
  itemId?: string | null;
  kind: string;
  detail: string;
  staffId?: string | null;
  contactId?: string | null;
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
