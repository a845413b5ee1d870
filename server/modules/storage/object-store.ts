import type { Readable } from 'node:stream';

/** Where stored objects' bytes live: a directory or an S3-compatible bucket. */
export interface ObjectStore {
  /** Stores the stream under `key`; a reader sees the old object or the whole new one. */
  put(key: string, body: Readable): Promise<void>;
  /** The object's bytes, or null when there is no such object. */
  get(key: string): Promise<Readable | null>;
  /** Removes the object; one that is already gone is fine. */
  delete(key: string): Promise<void>;
  close(): void;
}

export const OBJECT_STORE = Symbol('OBJECT_STORE');
