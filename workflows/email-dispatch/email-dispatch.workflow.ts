import {
  condition,
  continueAsNew,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import {
  DISPATCH_IDLE_POLL_MS,
  wakeSignal,
  type EmailDispatchActivities,
} from './email-dispatch.contract';

/** Keeps the history short: a fresh run after this many batches. */
const BATCHES_PER_RUN = 400;
/**
 * Batches in flight at once. The pace of requests to the provider is kept by the activity;
 * lanes only hide each activity's round trip through Temporal.
 */
const LANES = 4;

/**
 * Drains the queue of outgoing email batch by batch, for good: when the queue is empty it
 * waits for a wake-up, and without one looks again every few seconds, so email queued while a
 * wake-up was lost still leaves within seconds. It runs on the email task queue, so a bulk
 * invite's thousands of workflow tasks never queue in front of it.
 */
export async function emailDispatchWorkflow(): Promise<void> {
  const { deliverEmailBatch } = proxyActivities<EmailDispatchActivities>({
    startToCloseTimeout: '2 minutes',
    heartbeatTimeout: '1 minute',
    retry: { initialInterval: '1 second', maximumInterval: '30 seconds' },
  });
  let woken = true;
  setHandler(wakeSignal, () => void (woken = true));

  let batches = 0;
  // Each lane sends batch after batch until the queue is empty; no lane waits for another.
  const lane = async () => {
    while (batches < BATCHES_PER_RUN && (await deliverEmailBatch()).claimed > 0) batches++;
  };
  while (batches < BATCHES_PER_RUN && !workflowInfo().continueAsNewSuggested) {
    // Woken: every lane at once. Idle: one look, and the lanes only if it found email.
    if (woken || (await deliverEmailBatch()).claimed > 0) {
      woken = false;
      await Promise.all(Array.from({ length: LANES }, lane));
    }
    await condition(() => woken, DISPATCH_IDLE_POLL_MS);
  }
  await continueAsNew<typeof emailDispatchWorkflow>();
}
