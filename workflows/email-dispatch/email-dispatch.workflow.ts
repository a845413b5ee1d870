import { condition, continueAsNew, proxyActivities, setHandler } from '@temporalio/workflow';
import { wakeSignal, type EmailDispatchActivities } from './email-dispatch.contract';

/** Keeps the history short: a fresh run after this many batches. */
const BATCHES_PER_RUN = 400;
/**
 * Batches in flight at once. The email task queue's rate limit decides how many requests a
 * second reach Resend; lanes only hide each activity's round trip through Temporal.
 */
const LANES = 4;

/**
 * Drains the queue of outgoing email batch by batch, then waits a little for more and ends.
 * Whoever queues email signals it with start, so it runs exactly when there is work. It runs
 * on the email task queue, so a bulk invite's thousands of workflow tasks never queue in
 * front of it.
 */
export async function emailDispatchWorkflow(): Promise<void> {
  const { deliverEmailBatch } = proxyActivities<EmailDispatchActivities>({
    startToCloseTimeout: '2 minutes',
    heartbeatTimeout: '1 minute',
    retry: { initialInterval: '1 second', maximumInterval: '30 seconds' },
  });
  let woken = false;
  setHandler(wakeSignal, () => void (woken = true));

  let batches = 0;
  // Each lane sends batch after batch until the queue is empty; no lane waits for another.
  const lane = async () => {
    while (batches < BATCHES_PER_RUN && (await deliverEmailBatch()).claimed > 0) batches++;
  };
  for (;;) {
    woken = false;
    await Promise.all(Array.from({ length: LANES }, lane));
    if (batches >= BATCHES_PER_RUN) break;
    if (!(await condition(() => woken, '30 seconds'))) return;
  }
  await continueAsNew<typeof emailDispatchWorkflow>();
}
