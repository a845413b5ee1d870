import {
  ActivityFailure,
  proxyActivities,
  setHandler,
  type RetryPolicy,
} from '@temporalio/workflow';
import {
  cancelImportSignal,
  importProgressQuery,
  type ClientImportActivities,
  type ClientImportInput,
  type ImportProgress,
} from './client-import.contract';

const retry: RetryPolicy = {
  initialInterval: '1 second',
  maximumInterval: '30 seconds',
  maximumAttempts: 10,
};

// Staging heartbeats every few thousand rows, but opening a large workbook (zip checks, shared
// strings) can take a while before the first one.
const { stageImportFile, finishImport } = proxyActivities<ClientImportActivities>({
  startToCloseTimeout: '30 minutes',
  heartbeatTimeout: '5 minutes',
  retry,
});

// A chunk takes about a second: a lost worker is noticed in seconds, not minutes.
const { processImportChunk } = proxyActivities<ClientImportActivities>({
  startToCloseTimeout: '5 minutes',
  heartbeatTimeout: '15 seconds',
  retry,
});

/**
 * Stage the file's rows, then process them chunk by chunk. Each chunk is one idempotent
 * transaction, so a worker killed mid-import loses and duplicates nothing on retry.
 */
export async function clientImportWorkflow({
  importId,
  chunkSize,
  concurrency,
}: ClientImportInput): Promise<ImportProgress> {
  const progress: ImportProgress = {
    status: 'parsing',
    total: 0,
    processed: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    failed: 0,
  };
  let cancelRequested = false;
  setHandler(cancelImportSignal, () => {
    cancelRequested = true;
    if (progress.status === 'processing' || progress.status === 'parsing')
      progress.status = 'cancelling';
  });
  setHandler(importProgressQuery, () => progress);

  try {
    await run();
  } catch (err) {
    // Retries exhausted: the job says so (and why) instead of staying "processing" forever.
    progress.status = 'failed';
    const cause = err instanceof ActivityFailure ? err.cause : err;
    await finishImport(importId, 'failed', cause instanceof Error ? cause.message : String(cause));
    throw err;
  }
  return progress;

  async function run(): Promise<void> {
    const staged = await stageImportFile(importId);
    if (staged.fileError) {
      progress.status = 'failed';
      await finishImport(importId, 'failed');
      return;
    }
    progress.total = staged.total;
    if (!cancelRequested) progress.status = 'processing';

    // A few chunks in flight keep both the database and the worker busy; each is independent.
    const starts: number[] = [];
    for (let from = 1; from <= staged.total; from += chunkSize) starts.push(from);
    let next = 0;
    // After a failure no lane starts another chunk, and the failure waits for those in flight.
    let failure: { error: unknown } | undefined;
    const lane = async () => {
      while (next < starts.length && !cancelRequested && !failure) {
        const from = starts[next++];
        try {
          const counts = await processImportChunk(
            importId,
            from,
            Math.min(from + chunkSize - 1, staged.total),
          );
          progress.processed += counts.processed;
          progress.created += counts.created;
          progress.updated += counts.updated;
          progress.unchanged += counts.unchanged;
          progress.failed += counts.failed;
        } catch (error) {
          failure ??= { error };
        }
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, concurrency) }, lane));
    if (failure) throw failure.error;

    progress.status = cancelRequested ? 'cancelled' : 'completed';
    await finishImport(importId, progress.status);
  }
}
