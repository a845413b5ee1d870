import { ApplicationFailure, Context } from '@temporalio/activity';

/** Attempts that may end with their worker process before the work fails for good. */
export const MAX_CRASHED_ATTEMPTS = 2;

/** Heartbeat details of an attempt run under withCrashLimit. */
export interface CrashCount {
  /** Attempts before this one that ended with their worker. */
  crashes: number;
  /** Set by an attempt that failed without crashing. */
  failed?: true;
}

/**
 * Runs an activity attempt that could take its worker down (out of memory, say), so that a
 * retry does not walk into the same crash for ever. A crashed attempt records nothing, so every
 * attempt heartbeats the crash count it started with, at once, and one that fails by throwing
 * heartbeats that it did (the SDK sends that last heartbeat with the failure). An attempt that
 * finds its predecessor's details without that mark follows a crash; past the limit it fails
 * non-retryably with `message`, and the worker stays up. `work` must keep `count` in every
 * heartbeat's details it sends.
 */
export async function withCrashLimit<T>(
  message: string,
  work: (count: CrashCount) => Promise<T>,
): Promise<T> {
  const context = Context.current();
  const previous = context.info.heartbeatDetails as CrashCount | undefined;
  const crashes = previous ? previous.crashes + (previous.failed ? 0 : 1) : 0;
  if (crashes >= MAX_CRASHED_ATTEMPTS) {
    throw ApplicationFailure.create({ type: 'WorkerCrashLoop', message, nonRetryable: true });
  }
  context.heartbeat({ crashes } satisfies CrashCount);
  try {
    return await work({ crashes });
  } catch (error) {
    context.heartbeat({ crashes, failed: true } satisfies CrashCount);
    throw error;
  }
}
