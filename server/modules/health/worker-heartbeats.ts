/** A worker records that it is alive this often… */
export const HEARTBEAT_EVERY_MS = 5000;
/** …and counts as up for this long after (a few missed beats, not minutes). */
export const HEARTBEAT_FRESH_MS = 15_000;

export interface WorkerIdentity {
  workerId: string;
  taskQueue: string;
  host: string;
  pid: number;
}
