import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { from as copyFrom } from 'pg-copy-streams';
import { APP_CONFIG } from '@server/config/config.module';
import type { AppConfig } from '@server/config/env.schema';
import { pgArray } from '@server/database/pg-array';
import { withPgClient } from '@server/database/raw-pg';
import type { ImportStatus, StageResult } from '@workflows/client-import/client-import.contract';
import { FileStore } from '../../files/file-store.service';
import { ImportFileError } from '../file/import-file.error';
import { openImportFile, type ImportFileReader } from '../file/import-file-reader';
import { validateImportRow } from '../file/row-validator';
import { rejectedFile } from '../import-file-errors';
import { ImportJob } from '../import-job.entity';
import { csvLine, inBlocks } from './copy-csv';

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
        return withPgClient(
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
    await pg.query('begin');
    try {
      await pg.query(STAGING_TABLE);
      await pipeline(
        Readable.from(inBlocks(lines())),
        pg.query(
          copyFrom(
            'copy import_stage (seq, row_number, raw, data, failure) from stdin (format csv)',
          ),
        ),
        { signal },
      );
      await pg.query(`set local enable_seqscan = off`);
      await pg.query('delete from import_row where import_id = $1', [importId]);
      await pg.query(`set local enable_seqscan = on`);
      const { rows } = await pg.query<{ total: number; failed: number }>(MOVE_MARKING_DUPLICATES, [
        importId,
      ]);
      // With the rows, so the rows API never shows staged rows without their headers.
      await pg.query(
        `update import_job set format = $2, headers = $3, unknown_columns = $4, total = $5
         where id = $1`,
        [
          importId,
          reader.format,
          pgArray(reader.headers),
          pgArray(reader.unknownColumns),
          rows[0].total,
        ],
      );
      await pg.query('commit');
      return rows[0];
    } catch (e) {
      await pg.query('rollback');
      throw e;
    }
  }
}

/** This import's parsed rows, private to the staging transaction. */
const STAGING_TABLE = `create temp table import_stage (
    seq integer not null, row_number integer not null, raw text[] not null, data jsonb null,
    failure text null
  ) on commit drop`;

/**
 * Moves the staged rows into import_row. A row repeating an earlier valid row's Tax Client ID
 * or email (same kind, standard or offline) fails. One scan of the temporary table and a sort
 * per key: rows already failed, or without the key, fall in a partition the case ignores.
 */
const MOVE_MARKING_DUPLICATES = `
  with moved as (
    insert into import_row (import_id, seq, row_number, raw, data, failure)
    select $1, seq, row_number, raw, data, coalesce(failure, case
      when has_tax and tax_first <> row_number then format('Duplicate of row %s: same Tax Client ID in this file.', tax_first)
      when has_email and email_first <> row_number then format('Duplicate of row %s: same email in this file.', email_first)
    end)
    from (
      select s.*,
        min(row_number) over (partition by
          case when failure is null then data->>'taxClientId' end, data->>'isOffline') as tax_first,
        min(row_number) over (partition by
          case when failure is null then data->>'email' end, data->>'isOffline') as email_first,
        failure is null and data->>'taxClientId' is not null as has_tax,
        failure is null and data->>'email' is not null as has_email
      from import_stage s
    ) x
    returning failure
  )
  select count(*)::int as total, count(failure)::int as failed from moved`;
