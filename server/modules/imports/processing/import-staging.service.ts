import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { from as copyFrom } from 'pg-copy-streams';
import { APP_CONFIG } from '../../../config/config.module';
import type { AppConfig } from '../../../config/env.schema';
import { pgArray } from '../../../database/pg-array';
import { withPgClient } from '../../../database/raw-pg';
import type { StageResult } from '../../../../workflows/client-import/client-import.contract';
import { FileStore } from '../../files/file-store.service';
import { ImportFileError } from '../file/import-file.error';
import { openImportFile, type ImportFileReader } from '../file/import-file-reader';
import { validateImportRow } from '../file/row-validator';
import { rejectedFile } from '../import-file-errors';
import { ImportJob } from '../import-job.entity';
import { csvLine, inBlocks } from './copy-csv';

const HEARTBEAT_EVERY = 5000;

/**
 * Parses the stored file once, validates every row and COPYs it into import_row, then marks
 * rows that repeat an earlier row of the file. All in one transaction: a retry starts clean.
 */
@Injectable()
export class ImportStagingService {
  private readonly logger = new Logger(ImportStagingService.name);

  constructor(
    private readonly em: EntityManager,
    private readonly files: FileStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async stage(
    importId: string,
    heartbeat: (rows: number) => void = () => undefined,
  ): Promise<StageResult> {
    const em = this.em.fork();
    const job = await em.findOneOrFail(ImportJob, importId, { populate: ['file'] });
    // Status moves forward only: a cancel asked for meanwhile ('cancelling') stays visible.
    await em.nativeUpdate(ImportJob, { id: importId, status: 'queued' }, { status: 'parsing' });
    try {
      const reader = await openImportFile(this.files.pathOf(job.file), {
        maxRows: this.config.IMPORT_MAX_ROWS,
        maxWorkbookMemoryMb: this.config.IMPORT_XLSX_MAX_MEMORY_MB,
      });
      const total = await withPgClient(em, (pg) => this.copyRows(pg, importId, reader, heartbeat));
      await em.nativeUpdate(ImportJob, importId, {
        format: reader.format,
        headers: reader.headers,
        unknownColumns: reader.unknownColumns,
        total,
      });
      await em.nativeUpdate(
        ImportJob,
        { id: importId, status: 'parsing' },
        { status: 'processing' },
      );
      return { total, failed: await this.countFailed(em, importId) };
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
    heartbeat: (rows: number) => void,
  ): Promise<number> {
    let seq = 0;
    async function* lines(): AsyncGenerator<string> {
      for await (const row of reader.rows()) {
        seq += 1;
        if (seq % HEARTBEAT_EVERY === 0) heartbeat(seq);
        const checked = row.error
          ? { ok: false as const, comment: row.error }
          : validateImportRow(row.values);
        const data = checked.ok ? checked.row : row.values;
        yield csvLine([
          importId,
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
      await pg.query('delete from import_row where import_id = $1', [importId]);
      await pipeline(
        Readable.from(inBlocks(lines())),
        pg.query(
          copyFrom(
            'copy import_row (import_id, seq, row_number, raw, data, failure) from stdin (format csv)',
          ),
        ),
      );
      await pg.query(MARK_DUPLICATES, [importId]);
      await pg.query('commit');
      return seq;
    } catch (e) {
      await pg.query('rollback');
      throw e;
    }
  }

  private async countFailed(em: EntityManager, importId: string): Promise<number> {
    const [row] = await em
      .getConnection()
      .execute<{ n: number }[]>(
        `select count(*)::int as n from import_row where import_id = ? and failure is not null`,
        [importId],
      );
    return row.n;
  }
}

/** A row repeating an earlier row's Tax Client ID or email (same kind, standard or offline) fails. */
const MARK_DUPLICATES = `
  update import_row r set failure = d.comment
  from (
    select seq, case
      when tax_first <> row_number then format('Duplicate of row %s: same Tax Client ID in this file.', tax_first)
      when email_first <> row_number then format('Duplicate of row %s: same email in this file.', email_first)
    end as comment
    from (
      select seq, row_number,
        case when data->>'taxClientId' is not null
          then min(row_number) over (partition by data->>'taxClientId', data->>'isOffline') end as tax_first,
        case when data->>'email' is not null
          then min(row_number) over (partition by data->>'email', data->>'isOffline') end as email_first
      from import_row where import_id = $1 and failure is null
    ) x
  ) d
  where r.import_id = $1 and r.seq = d.seq and d.comment is not null`;
