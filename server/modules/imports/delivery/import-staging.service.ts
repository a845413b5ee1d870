import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { from as copyFrom } from 'pg-copy-streams';
import { APP_CONFIG } from '@server/config/config.module';
import type { AppConfig } from '@server/config/env.schema';
import { pgArray } from '@server/database/pg-array';
import { pgClientRunner, withPgTransaction } from '@server/database/raw-pg';
import type { ImportStatus, StageResult } from '@workflows/client-import/client-import.contract';
import { FileStore } from '../../files/file-store.service';
import { ImportFileError } from '../file/import-file.error';
import { openImportFile, type ImportFileReader } from '../file/import-file-reader';
import { validateImportRow } from '../file/row-validator';
import { rejectedFile } from '../import-file-errors';
import { ImportJob } from '../import-job.entity';
import { csvLine, inBlocks } from './copy-csv';
import {
  COPY_INTO_STAGE,
  createStagingTable,
  deleteStagedRows,
  moveStagedRowsMarkingDuplicates,
  setImportFileFacts,
} from './import-staging.repository';

export interface StageOptions {
  /** Told the number of rows read so far, every few thousand rows. */
  onRows?: (rows: number) => void;
  /** Aborting stops the parse and cancels the statement in flight; nothing is kept. */
  signal?: AbortSignal;
}

const PROGRESS_EVERY = 5000;
const STAGEABLE: ImportStatus[] = ['queued', 'parsing', 'cancelling'];

/**
 * Parses the stored file once, validates every row and COPYs it into a temporary table, then
 * moves the rows into import_row in one statement that also fails rows repeating an earlier
 * row of the file. All in one transaction: a retry starts clean. No statement joins import_row
 * (which keeps every earlier import's rows) to itself, so no plan, whatever the planner's
 * statistics say, costs more than a sort of this file's rows.
 */
@Injectable()
export class ImportStagingService {
  private readonly logger = new Logger(ImportStagingService.name);

  constructor(
    private readonly em: EntityManager,
    private readonly files: FileStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async stage(importId: string, { onRows, signal }: StageOptions = {}): Promise<StageResult> {
    const em = this.em.fork();
    const job = await em.findOne(ImportJob, importId, { populate: ['file'] });
    // Its start was given up (Temporal's answer was lost): the job is gone or has ended.
    if (!job || !STAGEABLE.includes(job.status)) return { total: 0, failed: 0, ended: true };
    // Status moves forward only: a cancel asked for meanwhile ('cancelling') stays visible.
    await em.nativeUpdate(ImportJob, { id: importId, status: 'queued' }, { status: 'parsing' });
    try {
      if (!job.file) throw new Error(`Import ${importId} has finished: its file is gone`);
      // The reader seeks (an XLSX's central directory, a bad CSV line), so it reads a copy on
      // this worker's disk, fetched from the store the API wrote to.
      const staged = await this.files.withLocalCopy(job.file, async (path) => {
        const reader = await openImportFile(path, {
          maxRows: this.config.IMPORT_MAX_ROWS,
          maxWorkbookMemoryMb: this.config.IMPORT_XLSX_MAX_MEMORY_MB,
        });
        return withPgTransaction(
          em,
          (pg) => this.copyRows(pg, importId, reader, { onRows, signal }),
          signal,
        );
      });
      await em.nativeUpdate(
        ImportJob,
        { id: importId, status: 'parsing' },
        { status: 'processing' },
      );
      return staged;
    } catch (e) {
      if (!(e instanceof ImportFileError)) throw e;
      this.logger.warn(`Import ${importId} rejected: ${e.message}`);
      const { code, message } = rejectedFile(e);
      await em.nativeUpdate(ImportJob, importId, { errorCode: code, error: message });
      return { total: 0, failed: 0, fileError: { code, message } };
    }
  }

  private async copyRows(
    pg: import('pg').PoolClient,
    importId: string,
    reader: ImportFileReader,
    { onRows, signal }: StageOptions,
  ): Promise<{ total: number; failed: number }> {
    let seq = 0;
    async function* lines(): AsyncGenerator<string> {
      for await (const row of reader.rows()) {
        seq += 1;
        if (seq % PROGRESS_EVERY === 0) onRows?.(seq);
        const checked = row.error
          ? { ok: false as const, comment: row.error }
          : validateImportRow(row.values);
        const data = checked.ok ? checked.row : row.values;
        yield csvLine([
          String(seq),
          String(row.rowNumber),
          pgArray(row.raw),
          JSON.stringify(data),
          checked.ok ? null : checked.comment,
        ]);
      }
    }
    const sql = pgClientRunner(this.em, pg, signal);
    await createStagingTable(sql);
    await pipeline(Readable.from(inBlocks(lines())), pg.query(copyFrom(COPY_INTO_STAGE)), {
      signal,
    });
    await deleteStagedRows(sql, importId);
    const staged = await moveStagedRowsMarkingDuplicates(sql, importId);
    // With the rows, so the rows API never shows staged rows without their headers.
    await setImportFileFacts(sql, importId, {
      format: reader.format,
      headers: reader.headers,
      unknownColumns: reader.unknownColumns,
      total: staged.total,
    });
    return staged;
  }
}
