import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { UndoReport } from '@workflows/client-import/client-import.contract';
import { transactionRunner } from '@server/database/sql-runner';
import {
  PlaybookRunWorkflows,
  type RunWorkflowRef,
} from '../../playbooks/delivery/playbook-run-workflows.service';
import { runWorkflowsOf } from '../../playbooks/delivery/playbook-triggers.repository';
import { useIndexLookupsOnly } from './import-chunk.repository';
import {
  deleteImportedClients,
  findEditedSinceImport,
  findImportStatusForShare,
  markOutcomesUndone,
  removeClientTagsByName,
  restoreUpdatedClients,
} from './import-undo.repository';

const NOTHING_UNDONE: UndoReport = { deleted: 0, restored: 0, skippedCount: 0, skipped: [] };

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
      const sql = transactionRunner(em);
      // An undo whose start was rolled back (Temporal's answer was lost) changes nothing.
      if ((await findImportStatusForShare(sql, importId)) !== 'undoing')
        return { report: NOTHING_UNDONE, stop: [] };
      await useIndexLookupsOnly(sql);
      const range: [string, number, number] = [importId, fromSeq, toSeq];

      const skipped = await findEditedSinceImport(sql, range);
      const gone = await deleteImportedClients(sql, range);
      const deleted = [...new Set(gone.map((g) => g.id))];
      const restored = await restoreUpdatedClients(sql, range);
      const pairs = restored.flatMap((r) =>
        (r.added_tags ?? []).map((t): [string, string] => [r.id, t]),
      );
      if (pairs.length) await removeClientTagsByName(sql, pairs);
      // Deleted clients are gone: their rows no longer link anywhere.
      await markOutcomesUndone(sql, range, deleted);
      const report: UndoReport = {
        deleted: deleted.length,
        restored: restored.length,
        skippedCount: skipped.length,
        skipped: skipped.map((s) => ({
          clientId: s.client_id,
          displayName: s.display_name,
          reason: 'Edited after the import, so it was left as it is.',
        })),
      };
      return { report, stop: runWorkflowsOf(gone) };
    });
  }
}
