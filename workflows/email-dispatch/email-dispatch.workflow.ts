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
 * Drains the queue of outgoing email batch by batch, for good. A lane that finds the queue
 * empty waits for news: a wake-up, or another lane finding email (so every lane joins a burst
 * however it was announced). The first lane also looks again every few seconds, so email
 * queued while its wake-up was lost still leaves within seconds. It runs on the email task
 * queue, so a bulk invite's thousands of workflow tasks never queue in front of it.
 */
export async function emailDispatchWorkflow(): Promise<void> {
  const { deliverEmailBatch } = proxyActivities<EmailDispatchActivities>({
    startToCloseTimeout: '2 minutes',
    heartbeatTimeout: '1 minute',
    retry: { initialInterval: '1 second', maximumInterval: '30 seconds' },
  });
  let news = 0;
  setHandler(wakeSignal, () => void news++);

  let batches = 0;
  const full = () => batches >= BATCHES_PER_RUN || workflowInfo().continueAsNewSuggested;
  const lane = async (looker: boolean) => {
    while (!full()) {
      const seen = news;
      if ((await deliverEmailBatch()).claimed > 0) {
        batches++;
        news++;
      } else if (looker) {
        await condition(() => news !== seen || full(), DISPATCH_IDLE_POLL_MS);
      } else {
        await condition(() => news !== seen || full());
      }
    }
  };
  await Promise.all(Array.from({ length: LANES }, (_, i) => lane(i === 0)));
  await continueAsNew<typeof emailDispatchWorkflow>();
}
