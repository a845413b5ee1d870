/**
 * Wraps `fn` so that it runs at most once per `ms`, however often it is called: callers share
 * the run in flight, and its result until `ms` after it settled.
 */
export function atMostEvery<T>(ms: number, fn: () => Promise<T>): () => Promise<T> {
  let shared: Promise<T> | undefined;
  let settledAt: number | undefined;
  return () => {
    if (shared && (settledAt === undefined || performance.now() - settledAt < ms)) return shared;
    settledAt = undefined;
    const run: Promise<T> = fn().finally(() => {
      if (shared === run) settledAt = performance.now();
    });
    shared = run;
    return run;
  };
}
