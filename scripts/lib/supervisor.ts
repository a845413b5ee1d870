import { describeExit, type ManagedChild } from './child-process';

export interface SuperviseOptions {
  /** Wait before the first restart; doubled after each crash that follows quickly. */
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  /** A child that ran this long before it died is restarted after initialBackoffMs again. */
  resetAfterMs?: number;
  log?: (message: string) => void;
}

export interface Supervised {
  /** The child running now (or the one that died, while its restart waits). */
  current(): ManagedChild;
  /** Stops restarting, then stops the child. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * Keeps a child running: one that dies unexpectedly is started again, after a backoff that
 * grows while it keeps dying soon after its start, so a crash loop does not spin.
 */
export function supervise(
  start: () => ManagedChild,
  {
    initialBackoffMs = 1_000,
    maxBackoffMs = 30_000,
    resetAfterMs = 60_000,
    log = console.error,
  }: SuperviseOptions = {},
): Supervised {
  let stopping = false;
  let backoff = initialBackoffMs;
  let restart: NodeJS.Timeout | undefined;
  let child = run();

  function run(): ManagedChild {
    const started = start();
    const startedAt = Date.now();
    void started.exited.then((exit) => {
      if (stopping) return;
      if (Date.now() - startedAt >= resetAfterMs) backoff = initialBackoffMs;
      log(
        `The ${started.name} process ${describeExit(exit)} unexpectedly; restarting it in ${backoff / 1000} s.`,
      );
      restart = setTimeout(() => {
        if (!stopping) child = run();
      }, backoff);
      backoff = Math.min(backoff * 2, maxBackoffMs);
    });
    return started;
  }

  return {
    current: () => child,
    async stop(graceMs) {
      stopping = true;
      clearTimeout(restart);
      await child.stop(graceMs);
    },
  };
}
