import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ObjectStore } from './object-store';

/** Objects as files under a directory; writes land in `partialDir` (same disk), then move in. */
export class LocalObjectStore implements ObjectStore {
  constructor(
    private readonly root: string,
    private readonly partialDir: string,
  ) {}

  async put(key: string, body: Readable): Promise<void> {
    const target = this.pathOf(key);
    const partial = join(this.partialDir, `${randomUUID()}.partial`);
    await mkdir(this.partialDir, { recursive: true });
    try {
      await pipeline(body, createWriteStream(partial, { flags: 'wx' }));
      await mkdir(dirname(target), { recursive: true });
      await rename(partial, target);
    } finally {
      await rm(partial, { force: true });
    }
  }

  get(key: string): Promise<Readable | null> {
    const stream = createReadStream(this.pathOf(key));
    return new Promise((resolve, reject) => {
      stream.once('open', () => resolve(stream));
      stream.once('error', (e: NodeJS.ErrnoException) =>
        e.code === 'ENOENT' ? resolve(null) : reject(e),
      );
    });
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  close(): void {}

  private pathOf(key: string): string {
    return join(this.root, ...key.split('/'));
  }
}
