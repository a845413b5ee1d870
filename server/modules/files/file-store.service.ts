import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/env.schema';
import { pgArray } from '../../database/pg-array';
import { sqlTransaction, type SqlRunner } from '../../database/sql-transaction';
import { StoredFile } from './stored-file.entity';

export interface IncomingFile {
  /** Where the upload was streamed to (under uploadDir). */
  path: string;
  originalName: string;
  contentType?: string;
}

/** Every row that keeps a stored file (and so its content) alive; a finished import does not. */
const UNREFERENCED = `not exists (select 1 from client_file_version v where v.stored_file_id = sf.id)
  and not exists (select 1 from import_job j where j.file_id = sf.id
    and j.status not in ('completed', 'failed', 'cancelled', 'undoing', 'undone'))`;

/**
 * How long the sweep leaves an unreferenced stored file alone (an upload adopts its content
 * first and records what it is for a moment later, in another transaction), and an upload
 * stream that no longer grows (its request is long over).
 */
const GRACE_MS = 60 * 60_000;
const SWEEP_BATCH = 500;

/** One content hash: adopting and deleting the same content take turns. */
const lockContent = (sql: SqlRunner, sha256: string) =>
  sql('select pg_advisory_xact_lock(hashtextextended(?, 0))', [sha256]);

/**
 * Content-addressed file storage: DATA_DIR/files/ab/cd/<sha256>. Each upload is a stored_file
 * row; content goes when no row that needs it is left.
 */
@Injectable()
export class FileStore {
  constructor(
    private readonly em: EntityManager,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Uploads stream here first, on the same disk, so adopting them is a rename. */
  get uploadDir(): string {
    return join(this.config.DATA_DIR, 'files', 'incoming');
  }

  /** Hashes an uploaded file, moves it into the store and records it; the upload is consumed. */
  async adopt(file: IncomingFile, createdById?: string): Promise<StoredFile> {
    try {
      const hash = createHash('sha256');
      await pipeline(createReadStream(file.path), hash);
      const sha256 = hash.digest('hex');
      const target = this.pathOfHash(sha256);
      await mkdir(dirname(target), { recursive: true });
      const id = randomUUID();
      // The row is committed before the content moves in: a removal of the same content either
      // finished first (it holds the content lock until it commits) or sees this row and keeps
      // the content. A crash in between leaves an unreferenced row for the sweep, no stray file.
      await sqlTransaction(this.em, async (sql) => {
        await lockContent(sql, sha256);
        await sql(
          `insert into stored_file (id, sha256, size, original_name, content_type, created_by_id)
           values (?, ?, ?, ?, ?, ?)`,
          [
            id,
            sha256,
            (await stat(file.path)).size,
            basename(file.originalName).slice(0, 255) || 'upload',
            file.contentType ?? null,
            createdById ?? null,
          ],
        );
      });
      await rename(file.path, target);
      return await this.em.findOneOrFail(StoredFile, id);
    } finally {
      await rm(file.path, { force: true });
    }
  }

  pathOf(file: Pick<StoredFile, 'sha256'>): string {
    return this.pathOfHash(file.sha256);
  }

  /** Removes these stored files (and their content) unless something still references them. */
  async release(storedFileIds: string[]): Promise<number> {
    let removed = 0;
    for (let at = 0; at < storedFileIds.length; at += SWEEP_BATCH) {
      const ids = pgArray(storedFileIds.slice(at, at + SWEEP_BATCH));
      removed += await this.removeUnreferenced('sf.id = any(?::uuid[])', [ids]);
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
      const batch = await this.removeUnreferenced(
        `sf.created_at < now() - interval '${GRACE_MS} milliseconds'`,
        [],
      );
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
  private removeUnreferenced(candidates: string, params: unknown[]): Promise<number> {
    return sqlTransaction(this.em, async (sql) => {
      const locked = await sql<{ id: string }[]>(
        `select id from stored_file sf where ${candidates} and ${UNREFERENCED}
         order by created_at limit ${SWEEP_BATCH} for update skip locked`,
        params,
      );
      if (!locked.length) return 0;
      // A new statement: it sees references committed while the rows were being locked.
      const gone = await sql<{ sha256: string }[]>(
        `delete from stored_file sf where id = any(?::uuid[]) and ${UNREFERENCED} returning sha256`,
        [pgArray(locked.map((r) => r.id))],
      );
      // Sorted, so two removals never wait on each other's content locks.
      for (const sha256 of [...new Set(gone.map((g) => g.sha256))].sort()) {
        await lockContent(sql, sha256);
        const [kept] = await sql<unknown[]>('select 1 from stored_file where sha256 = ? limit 1', [
          sha256,
        ]);
        if (!kept) await rm(this.pathOfHash(sha256), { force: true });
      }
      return gone.length;
    });
  }

  private pathOfHash(sha256: string): string {
    return join(this.config.DATA_DIR, 'files', sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }
}
