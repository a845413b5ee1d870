import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/env.schema';
import { StaffUser } from '../staff/staff-user.entity';
import { StoredFile } from './stored-file.entity';

export interface IncomingFile {
  /** Where the upload was streamed to (under uploadDir). */
  path: string;
  originalName: string;
  contentType?: string;
}

/** Content-addressed file storage: DATA_DIR/files/ab/cd/<sha256>. */
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
      await mkdir(join(target, '..'), { recursive: true });
      await rename(file.path, target);
      const stored = this.em.create(StoredFile, {
        sha256,
        size: (await stat(target)).size,
        originalName: basename(file.originalName).slice(0, 255) || 'upload',
        contentType: file.contentType,
        createdBy: createdById ? this.em.getReference(StaffUser, createdById) : null,
      });
      await this.em.flush();
      return stored;
    } finally {
      await rm(file.path, { force: true });
    }
  }

  pathOf(file: Pick<StoredFile, 'sha256'>): string {
    return this.pathOfHash(file.sha256);
  }

  private pathOfHash(sha256: string): string {
    return join(this.config.DATA_DIR, 'files', sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }
}
