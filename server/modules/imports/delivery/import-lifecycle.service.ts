import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { ImportStatus, UndoReport } from '@workflows/client-import/client-import.contract';
import { sqlRunner } from '@server/database/sql-runner';
import { ImportJob } from '../import-job.entity';
import { analyzeImportedTables } from './import-writer.repository';

/** The states an import's workflow may end: an import that already ended keeps its end. */
const ENDABLE: ImportStatus[] = ['queued', 'parsing', 'processing', 'cancelling'];

/** Rows an import or undo writes that make the imported tables' statistics worth refreshing. */
const ANALYZE_AFTER_ROWS = 1000;

/** Final states of an import job, written by the workflow's last activity. */
@Injectable()
export class ImportLifecycleService {
  constructor(private readonly em: EntityManager) {}

  async finish(
    importId: string,
    status: 'completed' | 'failed' | 'cancelled',
    error?: string,
  ): Promise<void> {
    const em = this.em.fork();
    await em.nativeUpdate(
      ImportJob,
      { id: importId, status: { $in: ENDABLE } },
      {
        status,
        finishedAt: new Date(),
        ...(error ? { error: `The import stopped: ${error}` } : {}),
      },
    );
    if (status !== 'completed') return;
    const job = await em.findOneOrFail(ImportJob, importId, {
      fields: ['dryRun', 'created', 'updated'],
    });
    if (!job.dryRun) await this.refreshStatistics(em, job.created + job.updated);
  }

  async finishUndo(importId: string, undoReport: UndoReport): Promise<void> {
    const em = this.em.fork();
    await em.nativeUpdate(
      ImportJob,
      { id: importId, status: 'undoing' },
      { status: 'undone', undoReport },
    );
    await this.refreshStatistics(em, undoReport.deleted + undoReport.restored);
  }

  /** A stopped undo leaves the job undoable again ("completed"), with the reason. */
  async failUndo(importId: string, reason: string): Promise<void> {
    await this.em.fork().nativeUpdate(
      ImportJob,
      { id: importId, status: 'undoing' },
      {
        status: 'completed',
        error: `The undo stopped part-way: ${reason}. Undo again to finish it.`,
      },
    );
  }

  /**
   * Autovacuum analyses a table only a minute or two after a bulk write; until then lists are
   * planned on the old statistics (none at all after a new firm's first import), and PostgreSQL
   * sorted 100,000 clients where an index walk would do.
   */
  private async refreshStatistics(em: EntityManager, written: number): Promise<void> {
    if (written >= ANALYZE_AFTER_ROWS) await analyzeImportedTables(sqlRunner(em));
  }
}
