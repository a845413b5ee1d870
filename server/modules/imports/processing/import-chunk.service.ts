import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { ImportCounts } from '../../../../workflows/client-import/client-import.contract';
import { pgArray } from '../../../database/pg-array';
import type { ImportMode } from '../import-columns';
import {
  planChunk,
  type ExistingClient,
  type Lookup,
  type RowPlan,
  type StagedRow,
} from './import-plan';
import { ImportWriter, type Sql } from './import-writer';

interface RowRecord {
  seq: number;
  row_number: number;
  data: StagedRow['data'];
  outcome: string | null;
  done: boolean;
}

/**
 * One chunk of an import in one transaction: plan every row, write clients, tags, contacts and
 * row outcomes, bump the job's counters. Rows already done are left alone, so a retry after a
 * crash (the transaction rolled back, or committed before the worker died) changes nothing twice.
 */
@Injectable()
export class ImportChunkService {
  constructor(private readonly em: EntityManager) {}

  async process(importId: string, fromSeq: number, toSeq: number): Promise<ImportCounts> {
    return this.em.fork().transactional(async (em) => {
      const conn = em.getConnection();
      const trx = em.getTransactionContext();
      const sql: Sql = <T>(text: string, params: unknown[] = []) =>
        conn.execute<T[]>(text, params, 'all', trx);

      const [job] = await sql<{ mode: ImportMode; dry_run: boolean }>(
        `select mode, dry_run from import_job where id = ?`,
        [importId],
      );
      // Row locks make a chunk retried while its first attempt still runs wait, then skip.
      const rows = await sql<RowRecord>(
        `select seq, row_number, data, outcome, done from import_row
         where import_id = ? and seq between ? and ? order by seq for update`,
        [importId, fromSeq, toSeq],
      );
      const pending = rows.filter((r) => !r.done);
      if (pending.length) {
        const valid = pending.filter((r) => r.outcome === null).map(toStaged);
        const plans = planChunk(valid, await this.lookup(sql, valid), job.mode);
        const writer = new ImportWriter(sql, importId, job.dry_run);
        await writer.write(plans);
        // Rows that failed at staging; the planned ones were marked with their outcome.
        await sql(
          `update import_row set done = true
           where import_id = ? and seq between ? and ? and not done and outcome = 'failed'`,
          [importId, fromSeq, toSeq],
        );
        await this.addToJob(em, importId, countPlans(plans, pending.length - valid.length));
      }
      return this.countRange(sql, importId, fromSeq, toSeq);
    });
  }

  private async lookup(sql: Sql, rows: StagedRow[]): Promise<Lookup> {
    const taxIds = [
      ...new Set(rows.map((r) => r.data.taxClientId).filter((t): t is string => !!t)),
    ];
    const emails = [...new Set(rows.map((r) => r.data.email).filter((e): e is string => !!e))];
    const found = (await sql(
      `select c.id, c.type, c.connection_status, c.first_name, c.last_name, c.company_name, c.email, c.phone,
              c.street, c.city, c.state, c.postal_code, c.tax_client_id,
              coalesce((select array_agg(lower(t.name)) from client_tag ct join tag t on t.id = ct.tag_id
                        where ct.client_id = c.id), '{}') as tag_names
       from client c
       where c.tax_client_id = any(?::text[]) or (c.type = 'standard' and lower(c.email) = any(?::text[]))`,
      [pgArray(taxIds), pgArray(emails)],
    )) as Record<string, unknown>[];
    const lookup: Lookup = {
      standardByTaxId: new Map(),
      standardByEmail: new Map(),
      offlineByTaxId: new Map(),
    };
    for (const raw of found) {
      const c = toExisting(raw);
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

  private async addToJob(em: EntityManager, importId: string, counts: ImportCounts): Promise<void> {
    await em.getConnection().execute(
      `update import_job set processed = processed + ?, created = created + ?, updated = updated + ?,
         unchanged = unchanged + ?, failed = failed + ?, updated_at = now() where id = ?`,
      [counts.processed, counts.created, counts.updated, counts.unchanged, counts.failed, importId],
      'run',
      em.getTransactionContext(),
    );
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
       from import_row where import_id = ? and seq between ? and ?`,
      [importId, fromSeq, toSeq],
    );
    return c;
  }
}

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

function countPlans(plans: RowPlan[], failedAtStaging: number): ImportCounts {
  const counts: ImportCounts = {
    processed: plans.length + failedAtStaging,
    created: 0,
    updated: 0,
    unchanged: 0,
    failed: failedAtStaging,
  };
  for (const p of plans) counts[p.outcome] += 1;
  return counts;
}
