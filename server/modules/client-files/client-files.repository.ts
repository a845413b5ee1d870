import { pgArray } from '../../database/pg-array';
import type { SqlRunner } from '../../database/sql-runner';

export interface FileRow {
  id: string;
  client_id: string;
  name: string;
  current_version: number;
  shared: string[];
  /** For a contact: whether the file is shared with them (else they see their versions only). */
  shared_with_me?: boolean;
  created_at: string;
  updated_at: string;
}

export interface VersionRow {
  file_id: string;
  version: number;
  size: string;
  content_type: string;
  created_at: string;
  staff_id: string | null;
  staff_name: string | null;
  contact_id: string | null;
  contact_name: string | null;
}

export interface AnsweredRow {
  file_id: string;
  id: string;
  subject: string;
  title: string;
}

/** Where a version's content is, and what it is called. */
export interface VersionContentRow {
  name: string;
  content_type: string;
  size: string;
  sha256: string;
  encrypted: boolean;
  original_name: string;
}

/** An upload to record: a new file of the client, or the next version of `fileId`. */
export interface NewVersion {
  clientId: string;
  name: string;
  fileId?: string;
  storedId: string;
  contentType: string;
  size: number;
  staffId: string | null;
  contactId: string | null;
}

const FILE_SQL = `select f.id, f.client_id, f.name, f.current_version, f.created_at, f.updated_at,
  bool_or(s.contact_id = ?) as shared_with_me,
  coalesce(array_agg(s.contact_id::text) filter (where s.contact_id is not null), '{}'::text[]) as shared
  from client_file f left join client_file_share s on s.file_id = f.id`;

/** Shared with the contact, or a version of it uploaded by them (binds the id twice). */
const CONTACT_SEES = `and (exists (select 1 from client_file_share s2 where s2.file_id = f.id and s2.contact_id = ?)
  or exists (select 1 from client_file_version v2 where v2.file_id = f.id and v2.uploaded_by_contact_id = ?))`;

/** The client's files by name; for a contact, only those they see. */
export function findClientFiles(
  sql: SqlRunner,
  clientId: string,
  contactId?: string,
): Promise<FileRow[]> {
  return sql<FileRow[]>(
    `${FILE_SQL} where f.client_id = ? ${contactId ? CONTACT_SEES : ''}
       group by f.id order by lower(f.name)`,
    contactId ? [contactId, clientId, contactId, contactId] : [null, clientId],
  );
}

export async function findClientFile(
  sql: SqlRunner,
  fileId: string,
  contactId?: string,
): Promise<FileRow | undefined> {
  const [row] = await sql<FileRow[]>(`${FILE_SQL} where f.id = ? group by f.id`, [
    contactId ?? null,
    fileId,
  ]);
  return row;
}

/** Whether a contact knows this file (shared with them, or they uploaded a version of it). */
export async function contactSeesFile(
  sql: SqlRunner,
  fileId: string,
  contactId: string,
): Promise<boolean> {
  const rows = await sql<unknown[]>(`select 1 from client_file f where f.id = ? ${CONTACT_SEES}`, [
    fileId,
    contactId,
    contactId,
  ]);
  return rows.length > 0;
}

/** Records a new file or the next version; the file's id, or undefined if `fileId` is gone. */
export async function insertVersion(sql: SqlRunner, v: NewVersion): Promise<string | undefined> {
  const [file] = v.fileId
    ? await sql<{ id: string; current_version: number }[]>(
        `update client_file set current_version = current_version + 1, updated_at = now()
           where id = ? returning id, current_version`,
        [v.fileId],
      )
    : await sql<{ id: string; current_version: number }[]>(
        `insert into client_file (client_id, name) values (?, ?) returning id, current_version`,
        [v.clientId, v.name],
      );
  if (!file) return undefined;
  await sql(
    `insert into client_file_version (file_id, version, stored_file_id, content_type, size,
         uploaded_by_staff_id, uploaded_by_contact_id) values (?, ?, ?, ?, ?, ?, ?)`,
    [file.id, file.current_version, v.storedId, v.contentType, v.size, v.staffId, v.contactId],
  );
  return file.id;
}

/**
 * A version's content (the newest when `version` is null); with `contactId`, only one the
 * contact uploaded or of a file shared with them.
 */
export async function findVersionContent(
  sql: SqlRunner,
  fileId: string,
  version: number | null,
  contactId: string | null,
): Promise<VersionContentRow | undefined> {
  const [row] = await sql<VersionContentRow[]>(
    `select f.name, v.content_type, v.size, sf.sha256, sf.encrypted, sf.original_name
       from client_file f
       join client_file_version v on v.file_id = f.id
       join stored_file sf on sf.id = v.stored_file_id
       where f.id = ? and v.version = coalesce(?, v.version)
         and (?::uuid is null or v.uploaded_by_contact_id = ? or exists (select 1
           from client_file_share s where s.file_id = f.id and s.contact_id = ?))
       order by v.version desc limit 1`,
    [fileId, version, contactId, contactId, contactId],
  );
  return row;
}

/** Those of `contactIds` with access to the client. */
export async function findClientContacts(
  sql: SqlRunner,
  clientId: string,
  contactIds: string[],
): Promise<string[]> {
  const rows = await sql<{ contact_id: string }[]>(
    `select distinct contact_id from contact_client_access
       where client_id = ? and contact_id = any(?::uuid[])`,
    [clientId, pgArray(contactIds)],
  );
  return rows.map((r) => r.contact_id);
}

/** Shares the file with exactly these contacts. */
export async function replaceShares(
  sql: SqlRunner,
  fileId: string,
  contactIds: string[],
): Promise<void> {
  await sql('delete from client_file_share where file_id = ?', [fileId]);
  await sql(
    `insert into client_file_share (file_id, contact_id) select ?, c from unnest(?::uuid[]) c`,
    [fileId, pgArray(contactIds)],
  );
}

/** Deletes the file with its versions; returns the stored files they used. */
export async function deleteClientFile(sql: SqlRunner, fileId: string): Promise<string[]> {
  const stored = await sql<{ id: string }[]>(
    `with gone as (delete from client_file where id = ? returning id)
       select distinct v.stored_file_id as id from client_file_version v join gone g on g.id = v.file_id`,
    [fileId],
  );
  return stored.map((r) => r.id);
}

/** The stored content of all of a client's files. */
export async function findStoredFilesOfClient(sql: SqlRunner, clientId: string): Promise<string[]> {
  const rows = await sql<{ id: string }[]>(
    `select distinct v.stored_file_id as id from client_file f
       join client_file_version v on v.file_id = f.id where f.client_id = ?`,
    [clientId],
  );
  return rows.map((r) => r.id);
}

/** Every version of these files, newest first, with who uploaded it. */
export function findVersions(sql: SqlRunner, fileIds: string[]): Promise<VersionRow[]> {
  return sql<VersionRow[]>(
    `select v.file_id, v.version, v.size, v.content_type, v.created_at,
         s.id as staff_id, trim(s.first_name || ' ' || s.last_name) as staff_name,
         ct.id as contact_id, coalesce(nullif(trim(coalesce(ct.first_name,'') || ' ' || coalesce(ct.last_name,'')), ''), ct.email) as contact_name
       from client_file_version v
       left join staff_user s on s.id = v.uploaded_by_staff_id
       left join contact ct on ct.id = v.uploaded_by_contact_id
       where v.file_id = any(?::uuid[]) order by v.version desc`,
    [pgArray(fileIds)],
  );
}

/**
 * The request item each file was uploaded for (the newest request, should several hold it),
 * found through the item's file index; for a contact, only requests sent to them.
 */
export const answeredRequestSql = (forContact: boolean) =>
  `select distinct on (i.file_id) i.file_id, r.id, r.subject, i.title
   from file_request_item i join file_request r on r.id = i.request_id
   where i.file_id = any(?::uuid[])
   ${forContact ? 'and exists (select 1 from file_request_recipient rr where rr.request_id = r.id and rr.contact_id = ?)' : ''}
   order by i.file_id, r.created_at desc`;

export function findAnsweredRequests(
  sql: SqlRunner,
  fileIds: string[],
  contactId?: string,
): Promise<AnsweredRow[]> {
  const ids = pgArray(fileIds);
  return sql<AnsweredRow[]>(
    answeredRequestSql(Boolean(contactId)),
    contactId ? [ids, contactId] : [ids],
  );
}
