import {
  ActivityCancellationType,
  ActivityFailure,
  CancellationScope,
  isCancellation,
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

const { finishImport } = proxyActivities<ClientImportActivities>({
  startToCloseTimeout: '1 minute',
  retry,
});

// Both heartbeat every second, so a lost worker is noticed in seconds, and a cancel reaches
// them at once; the workflow waits until they have stopped (rolled back), so a row is either
// counted or not touched.
const { stageImportFile } = proxyActivities<ClientImportActivities>({
  startToCloseTimeout: '30 minutes',
  heartbeatTimeout: '30 seconds',
  cancellationType: ActivityCancellationType.WAIT_CANCELLATION_COMPLETED,
  retry,
});
const { processImportChunk } = proxyActivities<ClientImportActivities>({
  startToCloseTimeout: '5 minutes',
  heartbeatTimeout: '15 seconds',
  cancellationType: ActivityCancellationType.WAIT_CANCELLATION_COMPLETED,
  retry,
});

/**
 * Stage the file's rows, then process them chunk by chunk. Each chunk is one idempotent
 * transaction, so a worker killed mid-import loses and duplicates nothing on retry. A cancel
 * stops the work in flight (staging or chunks) and ends the import as cancelled; the job's
 * counters, written by each chunk's own transaction, count exactly the rows processed.
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
  const work = new CancellationScope();
  setHandler(cancelImportSignal, () => {
    if (progress.status === 'processing' || progress.status === 'parsing') {
      progress.status = 'cancelling';
      work.cancel();
    }
  });
  setHandler(importProgressQuery, () => progress);

  try {
    // The job's last write stays outside the cancellable work: a late cancel cannot undo it.
    progress.status = await work.run(run);
    await finishImport(importId, progress.status);
  } catch (err) {
    // Also when the whole workflow is cancelled (from the Web UI): the job still ends.
    if (isCancellation(err)) {
      progress.status = 'cancelled';
      await CancellationScope.nonCancellable(() => finishImport(importId, 'cancelled'));
      return progress;
    }
    // Retries exhausted: the job says so (and why) instead of staying "processing" forever.
    progress.status = 'failed';
    const cause = err instanceof ActivityFailure ? err.cause : err;
    const reason = cause instanceof Error ? cause.message : String(cause);
    await CancellationScope.nonCancellable(() => finishImport(importId, 'failed', reason));
    throw err;
  }
  return progress;

  async function run(): Promise<'completed' | 'failed'> {
    const staged = await stageImportFile(importId);
    if (staged.fileError || staged.ended) return 'failed';
    progress.total = staged.total;
    progress.status = 'processing';

    // A few chunks in flight keep both the database and the worker busy; each is independent.
    const starts: number[] = [];
    for (let from = 1; from <= staged.total; from += chunkSize) starts.push(from);
    let next = 0;
    // After a failure no lane starts another chunk, and the failure waits for those in flight.
    let failure: { error: unknown } | undefined;
    const lane = async () => {
      while (next < starts.length && !failure) {
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
    return 'completed';
  }
}
