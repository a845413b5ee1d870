import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
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

/** Every row that keeps a stored file (and so its content) alive. */
const UNREFERENCED = `not exists (select 1 from client_file_version v where v.stored_file_id = sf.id)
  and not exists (select 1 from import_job j where j.file_id = sf.id)`;

/**
 * How long an unreferenced stored file is left alone by the sweep: an upload adopts its content
 * first and records what it is for a moment later, in another transaction.
 */
const UNREFERENCED_GRACE = '1 hour';
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
      // The row and the content land together, so a removal of the same content either ran
      // before (and this puts it back) or sees this row (and leaves it).
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
        await rename(file.path, target);
      });
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
   * Removes stored files nothing has referenced for the grace period: left by a failed upload,
   * or by a delete whose release did not run (a crash).
   */
  async sweep(): Promise<number> {
    let removed = 0;
    for (;;) {
      const batch = await this.removeUnreferenced(
        `sf.created_at < now() - interval '${UNREFERENCED_GRACE}'`,
        [],
      );
      removed += batch;
      if (batch < SWEEP_BATCH) return removed;
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
