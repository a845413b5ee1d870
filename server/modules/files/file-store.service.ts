import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/env.schema';
import type { SqlFragment } from '../../database/sql-fragment';
import { sqlRunner, sqlTransaction } from '../../database/sql-runner';
import { localIncomingDir } from '../storage/object-store.factory';
import { SealedStorage } from '../storage/sealed-storage.service';
import { legacyContentKey as legacyKey, sealedContentKey as sealedKey } from './content-keys';
import {
  contentInUse,
  deleteUnreferenced,
  findContentsAfter,
  insertStoredFile,
  lockContent,
  lockUnreferenced,
  markContentSealed,
  storedFilesIn,
  storedFilesOlderThan,
  SWEEP_BATCH,
  type StoredContent,
} from './files.repository';
import { StoredFile } from './stored-file.entity';

export interface IncomingFile {
  /** Where the upload was streamed to (under uploadDir). */
  path: string;
  originalName: string;
  contentType?: string;
}

/**
 * How long the sweep leaves an unreferenced stored file alone (an upload adopts its content
 * first and records what it is for a moment later, in another transaction), and an upload
 * stream that no longer grows (its request is long over).
 */
const GRACE_MS = 60 * 60_000;

/**
 * Content-addressed file storage: one encrypted object per SHA-256 in the object store (local
 * disk or S3). Each upload is a stored_file row; content goes when no row that needs it is left.
 */
@Injectable()
export class FileStore {
  constructor(
    private readonly em: EntityManager,
    private readonly storage: SealedStorage,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Uploads stream to this process's local disk first, to be checked before they are stored. */
  get uploadDir(): string {
    return localIncomingDir(this.config);
  }

  /** Hashes an uploaded file, encrypts it into the store and records it; the upload is consumed. */
  async adopt(file: IncomingFile, createdById?: string): Promise<StoredFile> {
    try {
      const hash = createHash('sha256');
      await pipeline(createReadStream(file.path), hash);
      const sha256 = hash.digest('hex');
      const id = randomUUID();
      // The row is committed before the content moves in: a removal of the same content either
      // finished first (it holds the content lock until it commits) or sees this row and keeps
      // the content. A crash in between leaves an unreferenced row for the sweep, no stray file.
      await sqlTransaction(this.em, async (sql) => {
        await lockContent(sql, sha256);
        await insertStoredFile(sql, {
          id,
          sha256,
          size: (await stat(file.path)).size,
          originalName: basename(file.originalName).slice(0, 255) || 'upload',
          contentType: file.contentType ?? null,
          createdById: createdById ?? null,
        });
      });
      // A second upload of the same content replaces the object with an equal one (a reader
      // holds the old one to its end), so every row's content is whole at every moment.
      await this.storage.write(sealedKey(sha256), createReadStream(file.path));
      return await this.em.findOneOrFail(StoredFile, id);
    } finally {
      await rm(file.path, { force: true });
    }
  }

  /** The content's bytes, decrypted as they stream. */
  open(file: StoredContent): Promise<Readable> {
    return file.encrypted
      ? this.storage.read(sealedKey(file.sha256))
      : this.storage.readPlain(legacyKey(file.sha256));
  }

  /**
   * Runs `work` on a copy of the content on this process's disk (for readers that seek), and
   * removes the copy after; a crash leaves it to the sweep of stale uploads.
   */
  async withLocalCopy<T>(file: StoredContent, work: (path: string) => Promise<T>): Promise<T> {
    const path = join(this.uploadDir, `${randomUUID()}.copy`);
    await mkdir(this.uploadDir, { recursive: true });
    try {
      await pipeline(await this.open(file), createWriteStream(path, { flags: 'wx', mode: 0o600 }));
      return await work(path);
    } finally {
      await rm(path, { force: true });
    }
  }

  /**
   * After a master key rotation: re-wraps every sealed object's data key with the current
   * master key, and seals the content stored before encryption. Each content under its lock,
   * so an upload or removal of the same content waits for it.
   */
  async rewrapAll(): Promise<{ rewrapped: number; sealed: number }> {
    const done = { rewrapped: 0, sealed: 0 };
    for (let after = ''; ;) {
      const batch = await findContentsAfter(sqlRunner(this.em), after);
      for (const content of batch) {
        await sqlTransaction(this.em, async (sql) => {
          await lockContent(sql, content.sha256);
          if (content.encrypted) {
            if (await this.storage.rewrap(sealedKey(content.sha256))) done.rewrapped++;
            return;
          }
          // Some row still reads the plaintext: seal it (any sealed twin is replaced by an equal one).
          await this.storage.write(sealedKey(content.sha256), await this.open(content));
          await markContentSealed(sql, content.sha256);
          done.sealed++;
        });
        // Only once every row says sealed (committed above) may the plaintext go.
        if (!content.encrypted) await this.storage.remove(legacyKey(content.sha256));
      }
      if (batch.length < SWEEP_BATCH) return done;
      after = batch[batch.length - 1].sha256;
    }
  }

  /** Removes these stored files (and their content) unless something still references them. */
  async release(storedFileIds: string[]): Promise<number> {
    let removed = 0;
    for (let at = 0; at < storedFileIds.length; at += SWEEP_BATCH) {
      removed += await this.removeUnreferenced(
        storedFilesIn(storedFileIds.slice(at, at + SWEEP_BATCH)),
      );
    }
    return removed;
  }

  /**
   * Removes stored files nothing has referenced for the grace period (left by a failed upload,
   * a finished import, or a delete whose release did not run), and uploads a crashed process
   * left in uploadDir.
   */
  async sweep(): Promise<number> {
    await this.removeStaleUploads();
    let removed = 0;
    for (;;) {
      const batch = await this.removeUnreferenced(storedFilesOlderThan(GRACE_MS));
      removed += batch;
      if (batch < SWEEP_BATCH) return removed;
    }
  }

  private async removeStaleUploads(): Promise<void> {
    const before = Date.now() - GRACE_MS;
    for (const name of await readdir(this.uploadDir).catch(() => [])) {
      const path = join(this.uploadDir, name);
      const { mtimeMs } = await stat(path).catch(() => ({ mtimeMs: Infinity }));
      if (mtimeMs < before) await rm(path, { force: true });
    }
  }

  /**
   * Deletes the unreferenced rows among the candidates, then the content no row points at any
   * more. Locked rows cannot gain a reference (the foreign key waits on the lock), and the
   * content goes before the deletion commits: a crash in between leaves unreferenced rows for
   * the sweep, never a reference to missing content.
   */
  private removeUnreferenced(candidates: SqlFragment): Promise<number> {
    return sqlTransaction(this.em, async (sql) => {
      const locked = await lockUnreferenced(sql, candidates);
      if (!locked.length) return 0;
      // A new statement: it sees references committed while the rows were being locked.
      const gone = await deleteUnreferenced(sql, locked);
      // Sorted, so two removals never wait on each other's content locks.
      for (const sha256 of [...new Set(gone)].sort()) {
        await lockContent(sql, sha256);
        if (!(await contentInUse(sql, sha256))) {
          await this.storage.remove(sealedKey(sha256));
          await this.storage.remove(legacyKey(sha256));
        }
      }
      return gone.length;
    });
  }
}
