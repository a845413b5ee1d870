import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { UndoReport } from '@workflows/client-import/client-import.contract';
import { pgArray } from '@server/database/pg-array';
import {
  PlaybookRunWorkflows,
  type RunWorkflowRef,
} from '../../playbooks/delivery/playbook-run-workflows.service';
import {
  deleteClientsWithRuns,
  runWorkflowsOf,
} from '../../playbooks/delivery/playbook-triggers.repository';
import { CLIENT_FIELDS } from './import-plan';
import { INDEX_LOOKUPS_ONLY } from './plan-settings';

const NOTHING_UNDONE: UndoReport = { deleted: 0, restored: 0, skippedCount: 0, skipped: [] };
const COLUMNS = CLIENT_FIELDS.map((f) => f.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`));

/**
 * Reverses one chunk of an import: deletes the clients it created and restores the fields
 * (and removes the tags) it changed, but leaves any client edited since then, and says so.
 * Outcomes are marked undone in the same transaction, so a retried chunk does nothing twice.
 */
@Injectable()
export class ImportUndoService {
  constructor(
    private readonly em: EntityManager,
    private readonly playbookRuns: PlaybookRunWorkflows,
  ) {}

  async undoChunk(importId: string, fromSeq: number, toSeq: number): Promise<UndoReport> {
    const { report, stop } = await this.undo(importId, fromSeq, toSeq);
    // Runs of deleted clients went with them: their workflows are told to stop here.
    await this.playbookRuns.stopDeleted(stop);
    // Tags taken off again cancel the tag playbooks they started (a trigger on client_tag).
    await this.playbookRuns.kick();
    return report;
  }

  private undo(
    importId: string,
    fromSeq: number,
    toSeq: number,
  ): Promise<{ report: UndoReport; stop: RunWorkflowRef[] }> {
    return this.em.fork().transactional(async (em) => {
      const conn = em.getConnection();
      const trx = em.getTransactionContext();
      const sql = (text: string, params: unknown[]) =>
        conn.execute<Record<string, unknown>[]>(text, params, 'all', trx);
      // An undo whose start was rolled back (Temporal's answer was lost) changes nothing.
      const [job] = await sql(`select status from import_job where id = ? for share`, [importId]);
      if (job?.status !== 'undoing') return { report: NOTHING_UNDONE, stop: [] };
      for (const setting of INDEX_LOOKUPS_ONLY) await sql(setting, []);
      const range = [importId, fromSeq, toSeq];
      const pending = `r.import_id = ? and r.seq between ? and ? and not r.undone and r.client_id is not null`;

      const skipped = await sql(
        `select r.client_id, c.display_name from import_row_outcome r join client c on c.id = r.client_id
         where ${pending} and r.outcome in ('created','updated')
           and c.updated_at > r.written_at`,
        range,
      );
      const gone = await sql(
        deleteClientsWithRuns(
          `delete from client c using import_row_outcome r
           where ${pending} and r.outcome = 'created'
             and c.id = r.client_id and c.updated_at <= r.written_at
           returning c.id as id`,
        ),
        range,
      );
      const deleted = [...new Set(gone.map((g) => g.id as string))].map((id) => ({ id }));
      const restored = await sql(
        `update client c set ${COLUMNS.map((col, i) => `${col} = r.previous->>'${CLIENT_FIELDS[i]}'`).join(', ')},
           display_name = coalesce(nullif(r.previous->>'companyName', ''),
             concat_ws(' ', r.previous->>'firstName', r.previous->>'lastName')),
           updated_at = now()
         from import_row_outcome r
         where ${pending} and r.outcome = 'updated'
           and c.id = r.client_id and c.updated_at <= r.written_at
         returning c.id, r.previous->'addedTags' as added_tags`,
        range,
      );
      await this.removeAddedTags(sql, restored);
      // Deleted clients are gone: their rows no longer link anywhere.
      await sql(
        `update import_row_outcome r set undone = true,
           client_id = case when r.client_id = any(?::uuid[]) then null else r.client_id end
         where ${pending}`,
        [pgArray(deleted.map((d) => d.id as string)), ...range],
      );
      const report: UndoReport = {
        deleted: deleted.length,
        restored: restored.length,
        skippedCount: skipped.length,
        skipped: skipped.map((s) => ({
          clientId: s.client_id as string,
          displayName: s.display_name as string,
          reason: 'Edited after the import, so it was left as it is.',
        })),
      };
      return { report, stop: runWorkflowsOf(gone as Parameters<typeof runWorkflowsOf>[0]) };
    });
  }

  private async removeAddedTags(
    sql: (text: string, params: unknown[]) => Promise<Record<string, unknown>[]>,
    restored: Record<string, unknown>[],
  ): Promise<void> {
    const pairs = restored.flatMap((r) =>
      ((r.added_tags as string[] | null) ?? []).map((t) => [r.id as string, t]),
    );
    if (!pairs.length) return;
    await sql(
      `delete from client_tag ct using unnest(?::uuid[], ?::text[]) as v(client_id, tag), tag t
       where ct.client_id = v.client_id and t.id = ct.tag_id and lower(t.name) = lower(v.tag)`,
      [pgArray(pairs.map((p) => p[0])), pgArray(pairs.map((p) => p[1]))],
    );
  }
}
