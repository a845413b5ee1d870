import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { sealedContentKey } from '../../server/modules/files/content-keys';
import { OBJECT_STORE, type ObjectStore } from '../../server/modules/storage/object-store';
import { SealedStorage } from '../../server/modules/storage/sealed-storage.service';
import type { TestApp } from './test-app';

export const sha256Of = (content: Buffer): string =>
  createHash('sha256').update(content).digest('hex');

/** The raw store of the app (local disk or S3), to look at or alter objects behind its back. */
export const objectStore = (t: TestApp): ObjectStore => t.app.get(OBJECT_STORE);

/** The object's bytes as the store holds them, or null. */
export async function rawObject(t: TestApp, key: string): Promise<Buffer | null> {
  const stream = await objectStore(t).get(key);
  if (!stream) return null;
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Whether the sealed object of this content is in the app's store. */
export async function hasContent(t: TestApp, content: Buffer): Promise<boolean> {
  const stream = await objectStore(t).get(sealedContentKey(sha256Of(content)));
  stream?.destroy();
  return stream !== null;
}

/** Puts this content's sealed object into the store, as an upload does before it is recorded. */
export function putContent(t: TestApp, content: Buffer): Promise<void> {
  return t.app
    .get(SealedStorage)
    .write(sealedContentKey(sha256Of(content)), Readable.from([content]));
}
