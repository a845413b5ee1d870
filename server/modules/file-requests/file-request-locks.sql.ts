import type { SqlRunner } from '../../database/sql-runner';
import type { FileRequestItemStatus, FileRequestStatus } from './file-request.view';
import { FileRequestsErrors, requestNotFound } from './file-requests.errors';

export interface LockedRequest {
  id: string;
  client_id: string;
  status: FileRequestStatus;
}

export interface LockedItem {
  id: string;
  title: string;
  status: FileRequestItemStatus;
  file_id: string | null;
  updates_file_id: string | null;
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

/** Locks one item of the request, or 404. */
export async function lockItem(
  sql: SqlRunner,
  requestId: string,
  itemId: string,
): Promise<LockedItem> {
  const [item] = await sql<LockedItem[]>(
    `select id, title, status, file_id, updates_file_id from file_request_item
     where id = ? and request_id = ? for update`,
    [itemId, requestId],
  );
  if (!item) {
    throw FileRequestsErrors.FILE_REQUEST_ITEM_NOT_FOUND(`No item ${itemId} in this request`);
  }
  return item;
}
