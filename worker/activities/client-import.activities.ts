import { Injectable } from '@nestjs/common';
import { Context } from '@temporalio/activity';
import { ImportChunkService } from '../../server/modules/imports/delivery/import-chunk.service';
import { ImportLifecycleService } from '../../server/modules/imports/delivery/import-lifecycle.service';
import { ImportStagingService } from '../../server/modules/imports/delivery/import-staging.service';
import { ImportUndoService } from '../../server/modules/imports/delivery/import-undo.service';
import { heartbeating } from './heartbeating';
import { withCrashLimit } from './crash-limit';
import type {
  ClientImportActivities,
  ImportCounts,
  StageResult,
  UndoReport,
} from '../../workflows/client-import/client-import.contract';

const STAGING_CRASHED =
  'Reading this file stopped the import worker twice, so it was not tried again: it may need more memory than the worker has. Save the client list as CSV UTF-8 or split it into smaller files, and upload that.';

@Injectable()
export class ClientImportActivitiesImpl implements ClientImportActivities {
  constructor(
    private readonly staging: ImportStagingService,
    private readonly chunks: ImportChunkService,
    private readonly undo: ImportUndoService,
    private readonly lifecycle: ImportLifecycleService,
  ) {}

  stageImportFile(importId: string): Promise<StageResult> {
    // Every heartbeat carries the crash count, so a retry after a crash can count it.
    return withCrashLimit(STAGING_CRASHED, (count) =>
      heartbeating(
        (signal, progress) =>
          this.staging.stage(importId, { signal, onRows: (rows) => progress({ ...count, rows }) }),
        count,
      ),
    );
  }

  processImportChunk(importId: string, fromSeq: number, toSeq: number): Promise<ImportCounts> {
    return heartbeating((signal) => this.chunks.process(importId, fromSeq, toSeq, signal));
  }

  finishImport(
    importId: string,
    status: 'completed' | 'failed' | 'cancelled',
    error?: string,
  ): Promise<void> {
    return this.lifecycle.finish(importId, status, error);
  }

  undoImportChunk(importId: string, fromSeq: number, toSeq: number): Promise<UndoReport> {
    Context.current().heartbeat({ fromSeq });
    return this.undo.undoChunk(importId, fromSeq, toSeq);
  }

  finishUndo(importId: string, report: UndoReport): Promise<void> {
    return this.lifecycle.finishUndo(importId, report);
  }

  failUndo(importId: string, reason: string): Promise<void> {
    return this.lifecycle.failUndo(importId, reason);
  }
}
