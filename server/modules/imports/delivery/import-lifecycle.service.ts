import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { ImportStatus, UndoReport } from '@workflows/client-import/client-import.contract';
import { ImportJob } from '../import-job.entity';

/** The states an import's workflow may end: an import that already ended keeps its end. */
const ENDABLE: ImportStatus[] = ['queued', 'parsing', 'processing', 'cancelling'];

/** Final states of an import job, written by the workflow's last activity. */
@Injectable()
export class ImportLifecycleService {
  constructor(private readonly em: EntityManager) {}

  async finish(
    importId: string,
    status: 'completed' | 'failed' | 'cancelled',
    error?: string,
  ): Promise<void> {
    await this.em.fork().nativeUpdate(
      ImportJob,
      { id: importId, status: { $in: ENDABLE } },
      {
        status,
        finishedAt: new Date(),
        ...(error ? { error: `The import stopped: ${error}` } : {}),
      },
    );
  }

  async finishUndo(importId: string, undoReport: UndoReport): Promise<void> {
    await this.em
      .fork()
      .nativeUpdate(
        ImportJob,
        { id: importId, status: 'undoing' },
        { status: 'undone', undoReport },
      );
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
}
