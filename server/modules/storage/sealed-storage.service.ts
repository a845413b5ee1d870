import { once } from 'node:events';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { MasterKeyring } from './master-keyring';
import { OBJECT_STORE, type ObjectStore } from './object-store';
import { decodeHeader, encodeHeader, openStream, sealStream } from './sealed-stream';
import { StorageErrors } from './storage.errors';

/**
 * Objects encrypted by the application before they reach the store (local disk or S3), each
 * under its own data key wrapped by the master key; streamed both ways.
 */
@Injectable()
export class SealedStorage implements OnApplicationShutdown {
  constructor(
    @Inject(OBJECT_STORE) private readonly store: ObjectStore,
    private readonly keyring: MasterKeyring,
  ) {}

  /** Encrypts the stream into the object `key`, replacing any object there. */
  async write(key: string, plaintext: Readable): Promise<void> {
    const sealed = sealStream(this.keyring);
    const put = this.store.put(key, sealed).catch((e: unknown) => {
      // The store gave up (a part failed): stop reading the source too.
      sealed.destroy(e as Error);
      throw e;
    });
    await Promise.all([pipeline(plaintext, sealed), put]);
  }

  /**
   * The object's plaintext. The header and first frame are checked before this returns, so a
   * missing, foreign-keyed or altered object fails before a response starts; a later frame
   * that fails its check ends the stream with an error.
   */
  async read(key: string): Promise<Readable> {
    const plain = openStream(this.keyring);
    void pipeline(await this.get(key), plain).catch(() => undefined); // the error reaches `plain`
    await Promise.race([once(plain, 'readable'), once(plain, 'end')]);
    return plain;
  }

  /** An object written before encryption (legacy local files), read as it is. */
  readPlain(key: string): Promise<Readable> {
    return this.get(key);
  }

  remove(key: string): Promise<void> {
    return this.store.delete(key);
  }

  /**
   * Wraps the object's data key with the current master key when an earlier one wraps it: the
   * header is rewritten, the frames are copied as they are. False when there was nothing to do.
   */
  async rewrap(key: string): Promise<boolean> {
    const source = await this.store.get(key);
    if (!source) return false;
    try {
      const chunks = source[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
      let head: Buffer = Buffer.alloc(0);
      let header = decodeHeader(head);
      while (!header) {
        const next = await chunks.next();
        if (next.done) {
          throw StorageErrors.STORAGE_INTEGRITY(`Object ${key} has no header`);
        }
        head = Buffer.concat([head, next.value]);
        header = decodeHeader(head);
      }
      if (header.keyId === this.keyring.currentId) return false;
      const dataKey = this.keyring.unwrap(header.keyId, header.wrappedKey);
      const first = Buffer.concat([
        encodeHeader(this.keyring.currentId, this.keyring.wrap(dataKey)),
        head.subarray(header.bytes.length),
      ]);
      async function* rewritten() {
        yield first;
        for (let next = await chunks.next(); !next.done; next = await chunks.next()) {
          yield next.value;
        }
      }
      await this.store.put(key, Readable.from(rewritten()));
      return true;
    } finally {
      source.destroy();
    }
  }

  onApplicationShutdown(): void {
    this.store.close();
  }

  private async get(key: string): Promise<Readable> {
    const object = await this.store.get(key);
    if (!object) {
      throw StorageErrors.STORAGE_OBJECT_MISSING(`Stored object ${key} is missing`);
    }
    return object;
  }
}
