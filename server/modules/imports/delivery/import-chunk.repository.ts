import type { ImportCounts } from '@workflows/client-import/client-import.contract';
import { pgArray } from '@server/database/pg-array';
import type { SqlRunner } from '@server/database/sql-runner';
import type { ImportMode } from '../import-columns';
import type { ExistingClient, StagedRow } from './import-plan';

/**
 * Statements of an import transaction that must use index lookups only: an import grows
 * client, contact and their links by thousands of rows a second, far faster than autovacuum
 * re-analyses them, and on stale statistics the planner hashed whole tables for each chunk's
 * thousand keys (quadratic over an import).
 */
const INDEX_LOOKUPS_ONLY = [
  'set local enable_seqscan = off',
  'set local enable_hashjoin = off',
  'set local enable_mergejoin = off',
];

/**
 * Settings of a chunk's transaction: index lookups only, and synchronous_commit off (a commit
 * lost to a server crash is at most a chunk whose activity had not yet reported success to
 * Temporal; the activity is retried and, finding no outcomes for its rows, does the chunk
 * again. Nothing is lost or written twice).
 */
const CHUNK_SETTINGS = ['set local synchronous_commit = off', ...INDEX_LOOKUPS_ONLY].join(';');

/** The chunk's settings, in one round trip (no parameters: the simple protocol takes several). */
export async function applyChunkSettings(sql: SqlRunner): Promise<void> {
  await sql(CHUNK_SETTINGS);
}

/** Index lookups only for the rest of the transaction, run one by one. */
export async function useIndexLookupsOnly(sql: SqlRunner): Promise<void> {
  for (const setting of INDEX_LOOKUPS_ONLY) await sql(setting, []);
}

/** A retry started while the first attempt still runs waits for it here, then finds it done. */
export async function lockChunk(sql: SqlRunner, importId: string, fromSeq: number): Promise<void> {
  await sql(`select pg_advisory_xact_lock(hashtext(?), ?)`, [importId, fromSeq]);
}

export async function chunkHasOutcomes(
  sql: SqlRunner,
  importId: string,
  fromSeq: number,
  toSeq: number,
): Promise<boolean> {
  const [done] = await sql(
    `select 1 from import_row_outcome where import_id = ? and seq between ? and ? limit 1`,
    [importId, fromSeq, toSeq],
  );
  return !!done;
}

export async function findImportSettings(
  sql: SqlRunner,
  importId: string,
): Promise<{ mode: ImportMode; dry_run: boolean }> {
  const [job] = await sql<{ mode: ImportMode; dry_run: boolean }[]>(
    `select mode, dry_run from import_job where id = ?`,
    [importId],
  );
  return job;
}

export interface ChunkRowRecord {
  seq: number;
  row_number: number;
  data: StagedRow['data'];
  failure: string | null;
}

export function findChunkRows(
  sql: SqlRunner,
  importId: string,
  fromSeq: number,
  toSeq: number,
): Promise<ChunkRowRecord[]> {
  return sql<ChunkRowRecord[]>(
    `select seq, row_number, data, failure from import_row
         where import_id = ? and seq between ? and ? order by seq`,
    [importId, fromSeq, toSeq],
  );
}

/** Clients an import row may match: by Tax Client ID, or by email (lower-cased). */
export async function findClientsByKeys(
  sql: SqlRunner,
  taxIds: string[],
  emails: string[],
): Promise<ExistingClient[]> {
  const found = await sql(
    `select c.id, c.type, c.connection_status, c.first_name, c.last_name, c.company_name, c.email, c.phone,
              c.street, c.city, c.state, c.postal_code, c.tax_client_id,
              coalesce((select array_agg(lower(t.name)) from client_tag ct join tag t on t.id = ct.tag_id
                        where ct.client_id = c.id), '{}') as tag_names
       from client c
       where c.tax_client_id = any(?::text[]) or lower(c.email) = any(?::text[])`,
    [pgArray(taxIds), pgArray(emails)],
  );
  return found.map(toExisting);
}

export async function addChunkCounts(
  sql: SqlRunner,
  importId: string,
  counts: ImportCounts,
): Promise<void> {
  await sql(
    `update import_job set processed = processed + ?, created = created + ?,
           updated = updated + ?, unchanged = unchanged + ?, failed = failed + ?,
           updated_at = now() where id = ?`,
    [counts.processed, counts.created, counts.updated, counts.unchanged, counts.failed, importId],
  );
}

/** The chunk's totals, read back so a retried chunk reports the same numbers. */
export async function countChunkOutcomes(
  sql: SqlRunner,
  importId: string,
  fromSeq: number,
  toSeq: number,
): Promise<ImportCounts> {
  const [c] = await sql<ImportCounts[]>(
    `select count(*)::int as processed,
         count(*) filter (where outcome = 'created')::int as created,
         count(*) filter (where outcome = 'updated')::int as updated,
         count(*) filter (where outcome = 'unchanged')::int as unchanged,
         count(*) filter (where outcome = 'failed')::int as failed
       from import_row_outcome where import_id = ? and seq between ? and ?`,
    [importId, fromSeq, toSeq],
  );
  return c;
}

function toExisting(r: Record<string, unknown>): ExistingClient {
  return {
    id: r.id as string,
    type: r.type as ExistingClient['type'],
    connectionStatus: r.connection_status as string,
    firstName: r.first_name as string | null,
    lastName: r.last_name as string | null,
    companyName: r.company_name as string | null,
    email: r.email as string | null,
    phone: r.phone as string | null,
    street: r.street as string | null,
    city: r.city as string | null,
    state: r.state as string | null,
    postalCode: r.postal_code as string | null,
    taxClientId: r.tax_client_id as string | null,
    tagNames: r.tag_names as string[],
  };
}
