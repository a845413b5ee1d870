/** Default task queue of the worker; TEMPORAL_TASK_QUEUE overrides it at deploy time. */
export const DEFAULT_TASK_QUEUE = 'client-hub';
