import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { PoolClient } from 'pg';
import type { ImportCounts } from '@workflows/client-import/client-import.contract';
import { pgArray } from '@server/database/pg-array';
import { withPgTransaction } from '@server/database/raw-pg';
import { PlaybookRunWorkflows } from '../../playbooks/delivery/playbook-run-workflows.service';
import type { ImportMode } from '../import-columns';
import {
  planChunk,
  type ExistingClient,
  type Lookup,
  type RowPlan,
  type StagedRow,
} from './import-plan';
import { ImportWriter, type Sql } from './import-writer';
import { INDEX_LOOKUPS_ONLY } from './plan-settings';

interface RowRecord {
  seq: number;
  row_number: number;
  data: StagedRow['data'];
  failure: string | null;
}

/**
 * Settings of a chunk's transaction: index lookups only, and synchronous_commit off (a commit
 * lost to a server crash is at most a chunk whose activity had not yet reported success to
 * Temporal; the activity is retried and, finding no outcomes for its rows, does the chunk
 * again. Nothing is lost or written twice).
 */
const CHUNK_SETTINGS = ['set local synchronous_commit = off', ...INDEX_LOOKUPS_ONLY].join(';');

/**
 * One chunk of an import in one transaction: plan every row, write clients, tags, contacts and
 * row outcomes, bump the job's counters. A chunk whose outcomes exist is done and is left alone,
 * so a retry after a crash (the transaction rolled back, or committed before the worker died)
 * changes nothing twice.
 */
@Injectable()
export class ImportChunkService {
  constructor(
    private readonly em: EntityManager,
    private readonly playbookRuns: PlaybookRunWorkflows,
  ) {}

  /** Aborting `signal` cancels the statement in flight and rolls the chunk back. */
  async process(
    importId: string,
    fromSeq: number,
    toSeq: number,
    signal?: AbortSignal,
  ): Promise<ImportCounts> {
    const counts = await this.write(importId, fromSeq, toSeq, signal);
    // Tags the chunk added start tag playbooks (recorded by a trigger on client_tag).
    await this.playbookRuns.kick();
    return counts;
  }

  private write(
    importId: string,
    fromSeq: number,
    toSeq: number,
    signal?: AbortSignal,
  ): Promise<ImportCounts> {
    return withPgTransaction(
      this.em,
      async (pg) => {
        const sql = sqlOn(pg, signal);
        await pg.query(CHUNK_SETTINGS);
        // A retry started while the first attempt still runs waits for it here, then finds it done.
        await sql(`select pg_advisory_xact_lock(hashtext($1), $2)`, [importId, fromSeq]);
        const [done] = await sql(
          `select 1 from import_row_outcome where import_id = $1 and seq between $2 and $3 limit 1`,
          [importId, fromSeq, toSeq],
        );
        if (done) return this.countRange(sql, importId, fromSeq, toSeq);

        const [job] = await sql<{ mode: ImportMode; dry_run: boolean }>(
          `select mode, dry_run from import_job where id = $1`,
          [importId],
        );
        const rows = await sql<RowRecord>(
          `select seq, row_number, data, failure from import_row
         where import_id = $1 and seq between $2 and $3 order by seq`,
          [importId, fromSeq, toSeq],
        );
        const valid = rows.filter((r) => r.failure === null).map(toStaged);
        const plans: RowPlan[] = [
          ...planChunk(valid, await this.lookup(sql, valid), job.mode),
          ...rows.flatMap((r) =>
            r.failure === null
              ? []
              : [{ seq: r.seq, outcome: 'failed' as const, comment: r.failure }],
          ),
        ];
        await new ImportWriter(sql, importId, job.dry_run).write(plans);
        const counts = countPlans(plans);
        await sql(
          `update import_job set processed = processed + $1, created = created + $2,
           updated = updated + $3, unchanged = unchanged + $4, failed = failed + $5,
           updated_at = now() where id = $6`,
          [
            counts.processed,
            counts.created,
            counts.updated,
            counts.unchanged,
            counts.failed,
            importId,
          ],
        );
        return counts;
      },
      signal,
    );
  }

  private async lookup(sql: Sql, rows: StagedRow[]): Promise<Lookup> {
    const taxIds = [
      ...new Set(rows.map((r) => r.data.taxClientId).filter((t): t is string => !!t)),
    ];
    const emails = [...new Set(rows.map((r) => r.data.email).filter((e): e is string => !!e))];
    const found = await sql(
      `select c.id, c.type, c.connection_status, c.first_name, c.last_name, c.company_name, c.email, c.phone,
              c.street, c.city, c.state, c.postal_code, c.tax_client_id,
              coalesce((select array_agg(lower(t.name)) from client_tag ct join tag t on t.id = ct.tag_id
                        where ct.client_id = c.id), '{}') as tag_names
       from client c
       where c.tax_client_id = any($1::text[]) or lower(c.email) = any($2::text[])`,
      [pgArray(taxIds), pgArray(emails)],
    );
    const lookup: Lookup = {
      standardByTaxId: new Map(),
      standardByEmail: new Map(),
      offlineByTaxId: new Map(),
    };
    for (const raw of found) {
      const c = toExisting(raw);
      // Offline clients match by Tax Client ID only, so one found by email is only ever looked
      // up by its own Tax Client ID. Not filtering on type in SQL keeps the planner on the two
      // key indexes: its stale statistics took `type = 'standard'` for a selective condition.
      if (c.type === 'offline') {
        if (c.taxClientId) lookup.offlineByTaxId.set(c.taxClientId, c);
        continue;
      }
      if (c.taxClientId) lookup.standardByTaxId.set(c.taxClientId, c);
      const email = c.email?.toLowerCase();
      if (email)
        lookup.standardByEmail.set(email, [...(lookup.standardByEmail.get(email) ?? []), c]);
    }
    return lookup;
  }

  /** The chunk's totals, read back so a retried chunk reports the same numbers. */
  private async countRange(
    sql: Sql,
    importId: string,
    fromSeq: number,
    toSeq: number,
  ): Promise<ImportCounts> {
    const [c] = await sql<ImportCounts>(
      `select count(*)::int as processed,
         count(*) filter (where outcome = 'created')::int as created,
         count(*) filter (where outcome = 'updated')::int as updated,
         count(*) filter (where outcome = 'unchanged')::int as unchanged,
         count(*) filter (where outcome = 'failed')::int as failed
       from import_row_outcome where import_id = $1 and seq between $2 and $3`,
      [importId, fromSeq, toSeq],
    );
    return c;
  }
}

/** Statements on the chunk's connection; none starts once `signal` is aborted. */
const sqlOn =
  (pg: PoolClient, signal?: AbortSignal): Sql =>
  async <T>(text: string, params: unknown[] = []) => {
    signal?.throwIfAborted();
    return (await pg.query(text, params)).rows as T[];
  };

const toStaged = (r: RowRecord): StagedRow => ({
  seq: r.seq,
  rowNumber: r.row_number,
  data: r.data,
});

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

function countPlans(plans: RowPlan[]): ImportCounts {
  const counts: ImportCounts = {
    processed: plans.length,
    created: 0,
    updated: 0,
    unchanged: 0,
    failed: 0,
  };
  for (const p of plans) counts[p.outcome] += 1;
  return counts;
}
