import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { UndoReport } from '../../../../workflows/client-import/client-import.contract';
import { ImportJob } from '../import-job.entity';

/** Final states of an import job, written by the workflow's last activity. */
@Injectable()
export class ImportLifecycleService {
  constructor(private readonly em: EntityManager) {}

  async finish(
    importId: string,
    status: 'completed' | 'failed' | 'cancelled',
    error?: string,
  ): Promise<void> {
    await this.em.fork().nativeUpdate(ImportJob, importId, {
      status,
      finishedAt: new Date(),
      ...(error ? { error: `The import stopped: ${error}` } : {}),
    });
  }

  async finishUndo(importId: string, undoReport: UndoReport): Promise<void> {
    await this.em.fork().nativeUpdate(ImportJob, importId, { status: 'undone', undoReport });
  }

  /** A stopped undo leaves the job undoable again ("completed"), with the reason. */
  async failUndo(importId: string, reason: string): Promise<void> {
    await this.em.fork().nativeUpdate(ImportJob, importId, {
      status: 'completed',
      error: `The undo stopped part-way: ${reason}. Undo again to finish it.`,
    });
  }
}
