import {
  condition,
  continueAsNew,
  patched,
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

/** Marks runs started by the dispatcher that polls (those before it replay the old way). */
const POLLING = 'email-dispatcher-polls';

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
  if (!patched(POLLING)) return drainAsReleasedBefore(deliverEmailBatch);
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

/**
 * A run started by the release before, still running at the upgrade: its history replays only
 * through its own steps (lanes until the queue is empty, then 30 s for a wake-up). Instead of
 * ending when idle, it continues as a run of the dispatcher that polls. Remove once no such run
 * is left anywhere (then `deprecatePatch(POLLING)`).
 */
async function drainAsReleasedBefore(
  deliverEmailBatch: EmailDispatchActivities['deliverEmailBatch'],
): Promise<void> {
  let woken = false;
  setHandler(wakeSignal, () => void (woken = true));
  let batches = 0;
  const lane = async () => {
    while (batches < BATCHES_PER_RUN && (await deliverEmailBatch()).claimed > 0) batches++;
  };
  for (;;) {
    woken = false;
    await Promise.all(Array.from({ length: LANES }, lane));
    if (batches >= BATCHES_PER_RUN || !(await condition(() => woken, '30 seconds'))) break;
  }
  await continueAsNew<typeof emailDispatchWorkflow>();
}
