import { setTimeout as sleep } from 'node:timers/promises';

export interface WaitForOptions {
  /** What we are waiting for, used in the timeout message ("PostgreSQL on :54329"). */
  what: string;
  timeoutMs: number;
  intervalMs?: number;
  /** Aborting stops the wait at once and rethrows the signal's reason (e.g. "the process exited"). */
  signal?: AbortSignal;
}

/**
 * Polls `check` until it returns a value other than undefined/false. Errors thrown by `check`
 * count as "not ready yet"; the last one is reported when the timeout expires.
 */
export async function waitFor<T>(
  check: () => Promise<T | undefined | false>,
  { what, timeoutMs, intervalMs = 250, signal }: WaitForOptions,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    signal?.throwIfAborted();
    try {
      const result = await check();
      if (result !== undefined && result !== false) return result;
    } catch (error) {
      lastError = error;
    }
    signal?.throwIfAborted();
    if (Date.now() >= deadline) {
      const cause = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new Error(
        `Timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${what}${cause}`,
      );
    }
    await sleep(intervalMs, undefined, { signal }).catch(() => signal?.throwIfAborted());
  }
}
