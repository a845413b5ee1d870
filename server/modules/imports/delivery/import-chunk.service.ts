import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { ImportCounts } from '@workflows/client-import/client-import.contract';
import { pgClientRunner, withPgTransaction } from '@server/database/raw-pg';
import type { SqlRunner } from '@server/database/sql-runner';
import { PlaybookRunWorkflows } from '../../playbooks/delivery/playbook-run-workflows.service';
import {
  addChunkCounts,
  applyChunkSettings,
  chunkHasOutcomes,
  countChunkOutcomes,
  findChunkRows,
  findClientsByKeys,
  findImportSettings,
  lockChunk,
  type ChunkRowRecord,
} from './import-chunk.repository';
import { planChunk, type Lookup, type RowPlan, type StagedRow } from './import-plan';
import { ImportWriter } from './import-writer';

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
        const sql = pgClientRunner(this.em, pg, signal);
        await applyChunkSettings(sql);
        await lockChunk(sql, importId, fromSeq);
        if (await chunkHasOutcomes(sql, importId, fromSeq, toSeq))
          return countChunkOutcomes(sql, importId, fromSeq, toSeq);

        const job = await findImportSettings(sql, importId);
        const rows = await findChunkRows(sql, importId, fromSeq, toSeq);
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
        await addChunkCounts(sql, importId, counts);
        return counts;
      },
      signal,
    );
  }

  private async lookup(sql: SqlRunner, rows: StagedRow[]): Promise<Lookup> {
    const taxIds = [
      ...new Set(rows.map((r) => r.data.taxClientId).filter((t): t is string => !!t)),
    ];
    const emails = [...new Set(rows.map((r) => r.data.email).filter((e): e is string => !!e))];
    const found = await findClientsByKeys(sql, taxIds, emails);
    const lookup: Lookup = {
      standardByTaxId: new Map(),
      standardByEmail: new Map(),
      offlineByTaxId: new Map(),
    };
    for (const c of found) {
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
}

const toStaged = (r: ChunkRowRecord): StagedRow => ({
  seq: r.seq,
  rowNumber: r.row_number,
  data: r.data,
});

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
