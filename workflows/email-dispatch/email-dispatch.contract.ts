import { defineSignal } from '@temporalio/workflow';

/**
 * One dispatcher per deployment (task queue) drains the email queue, so the provider's rate
 * limit holds however many workers run.
 */
export const emailDispatcherId = (taskQueue: string) => `email-dispatcher-${taskQueue}`;

/**
 * Emails go out from their own task queue (the dispatcher workflow and its activities),
 * rate-limited to the provider's requests a second.
 */
export const emailTaskQueue = (taskQueue: string) => `${taskQueue}-email`;

export interface EmailDispatchActivities {
  /** Sends the next batch of queued emails (one provider request); how many it took. */
  deliverEmailBatch(): Promise<{ claimed: number }>;
}

export const wakeSignal = defineSignal('wake');
