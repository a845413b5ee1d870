/**
 * Node flags the worker process runs with (npm start, Docker, benchmarks). A bounded old
 * space makes V8 collect garbage before the process grows, keeping a 1M-row import under a
 * 400 MB resident budget; the import itself streams and never needs more.
 */
export const WORKER_NODE_FLAGS = ['--max-old-space-size=192'];
