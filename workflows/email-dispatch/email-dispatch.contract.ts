import { defineSignal } from '@temporalio/workflow';

/** One dispatcher per deployment (task queue) drains the email queue. */
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

/** An idle dispatcher looks at the queue this often even if no wake-up reaches it. */
export const DISPATCH_IDLE_POLL_MS = 3000;

export const wakeSignal = defineSignal('wake');
