import { pgArray } from '../../database/pg-array';
import type { SqlFragment } from '../../database/sql-fragment';
import type { SqlRunner } from '../../database/sql-runner';
import type { StoredFile } from './stored-file.entity';

/** Rows one statement of the store reads, locks or deletes at most. */
export const SWEEP_BATCH = 500;

/** Every row that keeps a stored file (and so its content) alive; a finished import does not. */
const UNREFERENCED = `not exists (select 1 from client_file_version v where v.stored_file_id = sf.id)
  and not exists (select 1 from import_job j where j.file_id = sf.id
    and j.status not in ('completed', 'failed', 'cancelled', 'undoing', 'undone'))`;

export type StoredContent = Pick<StoredFile, 'sha256' | 'encrypted'>;

export interface NewStoredFile {
  id: string;
  sha256: string;
  size: number;
  originalName: string;
  contentType: string | null;
  createdById: string | null;
}

/** One content hash: adopting and deleting the same content take turns. */
export async function lockContent(sql: SqlRunner, sha256: string): Promise<void> {
  await sql('select pg_advisory_xact_lock(hashtextextended(?, 0))', [sha256]);
}

export async function insertStoredFile(sql: SqlRunner, f: NewStoredFile): Promise<void> {
  await sql(
    `insert into stored_file (id, sha256, size, original_name, content_type, created_by_id)
           values (?, ?, ?, ?, ?, ?)`,
    [f.id, f.sha256, f.size, f.originalName, f.contentType, f.createdById],
  );
}

/** The next batch of distinct contents after `after` (by hash), and whether all rows say sealed. */
export function findContentsAfter(sql: SqlRunner, after: string): Promise<StoredContent[]> {
  return sql<StoredContent[]>(
    `select sha256, bool_and(encrypted) as encrypted from stored_file where sha256 > ?
         group by sha256 order by sha256 limit ${SWEEP_BATCH}`,
    [after],
  );
}

export async function markContentSealed(sql: SqlRunner, sha256: string): Promise<void> {
  await sql('update stored_file set encrypted = true where sha256 = ?', [sha256]);
}

/** Candidates for removal: these stored files. */
export const storedFilesIn = (ids: string[]): SqlFragment => ({
  sql: 'sf.id = any(?::uuid[])',
  params: [pgArray(ids)],
});

/** Candidates for removal: stored files older than `ms`. */
export const storedFilesOlderThan = (ms: number): SqlFragment => ({
  sql: `sf.created_at < now() - interval '${ms} milliseconds'`,
  params: [],
});

/** Locks a batch of the unreferenced candidates (oldest first), skipping rows locked elsewhere. */
export async function lockUnreferenced(sql: SqlRunner, candidates: SqlFragment): Promise<string[]> {
  const locked = await sql<{ id: string }[]>(
    `select id from stored_file sf where ${candidates.sql} and ${UNREFERENCED}
         order by created_at limit ${SWEEP_BATCH} for update skip locked`,
    candidates.params,
  );
  return locked.map((r) => r.id);
}

/** Deletes those of `ids` still unreferenced; returns the content hash of each deleted row. */
export async function deleteUnreferenced(sql: SqlRunner, ids: string[]): Promise<string[]> {
  const gone = await sql<{ sha256: string }[]>(
    `delete from stored_file sf where id = any(?::uuid[]) and ${UNREFERENCED} returning sha256`,
    [pgArray(ids)],
  );
  return gone.map((g) => g.sha256);
}

/** Whether any stored file still has this content. */
export async function contentInUse(sql: SqlRunner, sha256: string): Promise<boolean> {
  const [kept] = await sql<unknown[]>('select 1 from stored_file where sha256 = ? limit 1', [
    sha256,
  ]);
  return Boolean(kept);
}
