import type { SqlRunner } from '../../database/sql-runner';
import type { FileRequestItemStatus } from './file-request.view';
import { FileRequestsErrors } from './file-requests.errors';

export interface LockedItem {
  id: string;
  title: string;
  status: FileRequestItemStatus;
  file_id: string | null;
  updates_file_id: string | null;
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

export async function markItemAccepted(sql: SqlRunner, itemId: string): Promise<void> {
  await sql(`update file_request_item set status = 'accepted', updated_at = now() where id = ?`, [
    itemId,
  ]);
}

/**
 * Makes the current version of the answer `answerFileId` the next version of `fileId`; returns
 * the file's name and new version, or undefined when either is gone.
 */
export async function copyAnswerAsNextVersion(
  sql: SqlRunner,
  answerFileId: string,
  fileId: string,
): Promise<{ name: string; version: number } | undefined> {
  const [updated] = await sql<{ name: string; version: number }[]>(
    `with answer as (
           select v.stored_file_id, v.content_type, v.size, v.uploaded_by_contact_id
           from client_file f join client_file_version v
             on v.file_id = f.id and v.version = f.current_version where f.id = ?),
         bumped as (
           update client_file set current_version = current_version + 1, updated_at = now()
           where id = ? and exists (select 1 from answer) returning id, name, current_version)
         insert into client_file_version (file_id, version, stored_file_id, content_type, size,
           uploaded_by_contact_id)
         select b.id, b.current_version, a.stored_file_id, a.content_type, a.size,
           a.uploaded_by_contact_id from bumped b, answer a
         returning version, (select name from bumped) as name`,
    [answerFileId, fileId],
  );
  return updated;
}

export async function markItemRejected(
  sql: SqlRunner,
  itemId: string,
  reason: string,
): Promise<void> {
  await sql(
    `update file_request_item set status = 'rejected', rejection_reason = ?,
           rejection_emailed_at = null, updated_at = now() where id = ?`,
    [reason, itemId],
  );
}

/** The item's answer is this file. */
export async function markItemUploaded(
  sql: SqlRunner,
  itemId: string,
  fileId: string,
): Promise<void> {
  await sql(
    `update file_request_item set status = 'uploaded', file_id = ?, rejection_reason = null,
           not_applicable_comment = null, updated_at = now() where id = ?`,
    [fileId, itemId],
  );
}

export async function markItemNotApplicable(
  sql: SqlRunner,
  itemId: string,
  comment: string,
): Promise<void> {
  await sql(
    `update file_request_item set status = 'not_applicable', not_applicable_comment = ?,
           rejection_reason = null, updated_at = now() where id = ?`,
    [comment, itemId],
  );
}

/** The name and current version of an uploaded file. */
export async function findUploadedFile(
  sql: SqlRunner,
  fileId: string,
): Promise<{ name: string; current_version: number }> {
  const [file] = await sql<{ name: string; current_version: number }[]>(
    'select name, current_version from client_file where id = ?',
    [fileId],
  );
  return file;
}

/** Shares the file with every recipient of the request. */
export async function shareWithRecipients(
  sql: SqlRunner,
  fileId: string,
  requestId: string,
): Promise<void> {
  await sql(
    `insert into client_file_share (file_id, contact_id)
         select ?, contact_id from file_request_recipient where request_id = ?
         on conflict do nothing`,
    [fileId, requestId],
  );
}
