import { ActivityFailure, proxyActivities } from '@temporalio/workflow';
import type { ClientImportActivities, UndoReport } from './client-import.contract';

const { undoImportChunk, finishUndo, failUndo } = proxyActivities<ClientImportActivities>({
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds', maximumAttempts: 10 },
});

const SKIPPED_KEPT = 1000;

/** Reverses an import chunk by chunk: deletes what it created, restores what it updated. */
export async function clientImportUndoWorkflow(input: {
  importId: string;
  total: number;
  chunkSize: number;
}): Promise<UndoReport> {
  const report: UndoReport = { deleted: 0, restored: 0, skippedCount: 0, skipped: [] };
  try {
    await undoChunks(input, report);
  } catch (err) {
    // Chunks already undone stay undone (their rows are marked), so asking again resumes.
    const cause = err instanceof ActivityFailure ? err.cause : err;
    await failUndo(input.importId, cause instanceof Error ? cause.message : String(cause));
    throw err;
  }
  await finishUndo(input.importId, report);
  return report;
}

async function undoChunks(
  input: { importId: string; total: number; chunkSize: number },
  report: UndoReport,
): Promise<void> {
  for (let from = 1; from <= input.total; from += input.chunkSize) {
    const part = await undoImportChunk(
      input.importId,
      from,
      Math.min(from + input.chunkSize - 1, input.total),
    );
    report.deleted += part.deleted;
    report.restored += part.restored;
    report.skippedCount += part.skippedCount;
    // History stays small: the report lists the first thousand skipped records, counts cover all.
    report.skipped.push(
      ...part.skipped.slice(0, Math.max(0, SKIPPED_KEPT - report.skipped.length)),
    );
  }
}
