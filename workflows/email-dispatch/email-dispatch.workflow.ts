import {
  condition,
  continueAsNew,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import {
  emailTaskQueue,
  wakeSignal,
  type EmailDispatchActivities,
} from './email-dispatch.contract';

const BATCHES_PER_RUN = 200;

/**
 * Drains the queue of outgoing email batch by batch, then waits a little for more and ends.
 * Whoever queues email signals it with start, so it runs exactly when there is work.
 */
export async function emailDispatchWorkflow(): Promise<void> {
  const { deliverEmailBatch } = proxyActivities<EmailDispatchActivities>({
    taskQueue: emailTaskQueue(workflowInfo().taskQueue),
    startToCloseTimeout: '2 minutes',
    retry: { initialInterval: '1 second', maximumInterval: '30 seconds' },
  });
  let woken = false;
  setHandler(wakeSignal, () => void (woken = true));

  for (let batch = 0; batch < BATCHES_PER_RUN; batch++) {
    woken = false;
    const { claimed } = await deliverEmailBatch();
    if (claimed === 0 && !(await condition(() => woken, '30 seconds'))) return;
  }
  await continueAsNew<typeof emailDispatchWorkflow>();
}
