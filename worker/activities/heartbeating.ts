import { Context } from '@temporalio/activity';

const EVERY_MS = 1000;

/**
 * Runs an activity's work with a heartbeat every second, whatever the work is waiting on (a
 * long statement, a slow file), so a lost worker is noticed within the heartbeat timeout and a
 * cancellation reaches the work through `signal` (Temporal answers heartbeats with it).
 * `progress` sets the details the next heartbeat carries.
 */
export async function heartbeating<T>(
  work: (signal: AbortSignal, progress: (details: unknown) => void) => Promise<T>,
  initialDetails?: unknown,
): Promise<T> {
  const context = Context.current();
  let details = initialDetails;
  const timer = setInterval(() => context.heartbeat(details), EVERY_MS);
  try {
    return await work(context.cancellationSignal, (d) => (details = d));
  } finally {
    clearInterval(timer);
  }
}
