import { rm } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import { EntityManager, type FilterQuery } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/client';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/env.schema';
import type { Page } from '../../common/http/content-range';
import type { ListQuery } from '../../common/http/list-query';
import { pgArray } from '../../database/pg-array';
import { TemporalService } from '../../temporal/temporal.service';
import {
  cancelImportSignal,
  clientImportUndoWorkflowId,
  clientImportWorkflowId,
  type ImportStatus,
} from '../../../workflows/client-import/client-import.contract';
import { FileStore } from '../files/file-store.service';
import { StaffUser } from '../staff/staff-user.entity';
import { matchHeaders } from './file/header-matcher';
import { ImportFileError } from './file/import-file.error';
import { openImportFile } from './file/import-file-reader';
import { writeReportCsv, writeReportXlsx, type ReportRow } from './file/import-report-writer';
import { EXCEPTION_REPORT, FULL_REPORT } from './file/report-layout';
import { IMPORT_FIELDS, type ImportOutcome } from './import-columns';
import { rejectedFile } from './import-file-errors';
import { ImportJob } from './import-job.entity';
import { toImportJobView, type ImportJobView } from './import-job.view';
import { ImportsErrors } from './imports.errors';
import type { ImportFilter, ImportRowFilter, StartImportInput } from './imports.schemas';
import { BULK_PRIORITY } from '../../../workflows/shared/priorities';
import { z } from 'zod';
import { temporalUnavailable } from '../../temporal/temporal-unavailable';

/** A cancel while the import stops again repeats the signal (a lost one is sent anew). */
const CANCELLABLE: ImportStatus[] = ['queued', 'parsing', 'processing', 'cancelling'];
const REPORT_BATCH = 1000;

export type ImportReportKind = 'exceptions' | 'full';

/** The full report's Outcome column; a dry run says what the import would do. */
const OUTCOME_LABEL: Record<ImportOutcome, [real: string, dryRun: string]> = {
  created: ['Created', 'Would create'],
  updated: ['Updated', 'Would update'],
  unchanged: ['Unchanged', 'Unchanged'],
  failed: ['Failed', 'Failed'],
};
/** A row an import cancelled or stopped before reaching it. */
const NOT_PROCESSED = 'Not processed';

export const importRowViewSchema = z.object({
  id: z.uuid(),
  rowNumber: z.number().int(),
  outcome: z.string().nullable(),
  comment: z.string().nullable(),
  clientId: z.uuid().nullable(),
  /** The row's cells of the recognised columns, as the file has them. */
  values: z.partialRecord(z.enum(IMPORT_FIELDS), z.string()),
});
export type ImportRowView = z.infer<typeof importRowViewSchema>;

interface ReportRecord {
  seq: number;
  row_number: number;
  raw: string[];
  outcome: ImportOutcome | null;
  comment: string | null;
  client_id: string | null;
  client_name: string | null;
}

@Injectable()
export class ImportsService {
  constructor(
    private readonly em: EntityManager,
    private readonly files: FileStore,
    private readonly temporal: TemporalService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Checks the file's content and headers right away (a bad file is a 400 and nothing is
   * kept), stores it, records the job and starts its workflow. Rows are read by the worker.
   */
  async start(
    upload: Express.Multer.File | undefined,
    input: StartImportInput,
    staffId: string,
  ): Promise<ImportJobView> {
    if (!upload)
      throw ImportsErrors.IMPORT_FILE_REQUIRED('file: attach a CSV or Excel (.xlsx) file.');
    try {
      await openImportFile(upload.path, {
        maxRows: this.config.IMPORT_MAX_ROWS,
        maxWorkbookMemoryMb: this.config.IMPORT_XLSX_MAX_MEMORY_MB,
      });
    } catch (e) {
      await rm(upload.path, { force: true });
      throw e instanceof ImportFileError ? rejectedFile(e) : e;
    }
    const file = await this.files.adopt(
      { path: upload.path, originalName: upload.originalname, contentType: upload.mimetype },
      staffId,
    );
    const job = this.em.create(ImportJob, {
      file,
      fileName: file.originalName,
      mode: input.mode,
      dryRun: input.dryRun,
      workflowId: '',
      createdBy: this.em.getReference(StaffUser, staffId),
    });
    job.workflowId = clientImportWorkflowId(job.id);
    await this.em.flush();
    return this.launch(job);
  }

  /**
   * Imports a completed dry run for real: a new job on the dry run's stored file with its
   * mode, so what was checked is what gets imported. Once per dry run: a second request (a
   * double click, another tab) is refused with the import the first one started.
   */
  async importForReal(id: string, staffId: string): Promise<ImportJobView> {
    const dryRun = await this.find(id);
    if (!dryRun.dryRun || dryRun.status !== 'completed') {
      throw ImportsErrors.IMPORT_CANNOT_IMPORT_FOR_REAL(
        dryRun.dryRun
          ? `This dry run is ${dryRun.status}; only a completed dry run can be imported for real.`
          : 'This import is not a dry run.',
      );
    }
    const job = await this.em.transactional(async (em) => {
      const created = em.create(ImportJob, {
        file: dryRun.file,
        fileName: dryRun.fileName,
        mode: dryRun.mode,
        workflowId: '',
        createdBy: em.getReference(StaffUser, staffId),
      });
      created.workflowId = clientImportWorkflowId(created.id);
      await em.flush();
      // Concurrent requests queue on the dry run's row; only the first finds it unclaimed.
      const claimed = await em.nativeUpdate(
        ImportJob,
        { id, realImportId: null },
        { realImportId: created.id },
      );
      if (!claimed) {
        const { realImportId } = await em.findOneOrFail(ImportJob, id, { refresh: true });
        throw ImportsErrors.IMPORT_CANNOT_IMPORT_FOR_REAL(
          `This dry run has already been imported for real (import ${realImportId}).`,
          { realImportId },
        );
      }
      return created;
    });
    return this.launch(job);
  }

  /**
   * Starts the job's workflow. If Temporal does not take it, nothing is kept: the job goes (a
   * dry run it was imported from is free again), so does its file unless a dry run still holds
   * it, and the request answers 503. Should the start have reached Temporal after all, its
   * staging finds no job and stages nothing.
   */
  private async launch(job: ImportJob): Promise<ImportJobView> {
    try {
      await this.temporal.client.workflow.start('clientImportWorkflow', {
        workflowId: job.workflowId,
        taskQueue: this.temporal.taskQueue,
        priority: BULK_PRIORITY,
        args: [
          {
            importId: job.id,
            chunkSize: this.config.IMPORT_CHUNK_SIZE,
            concurrency: this.config.IMPORT_CONCURRENCY,
          },
        ],
        searchAttributes: { ImportId: [job.id] },
      });
    } catch (e) {
      const unavailable = temporalUnavailable(e);
      await this.em.nativeDelete(ImportJob, job.id);
      if (job.file) await this.files.release([job.file.id]);
      throw unavailable;
    }
    return this.view(job);
  }

  async list(query: ListQuery<ImportFilter>): Promise<Page<ImportJobView>> {
    const where: FilterQuery<ImportJob> = {
      ...(query.filter.status ? { status: query.filter.status as ImportStatus } : {}),
      ...(query.filter.id ? { id: { $in: query.filter.id } } : {}),
    };
    const [jobs, total] = await this.em.findAndCount(ImportJob, where, {
      populate: ['createdBy'],
      orderBy: { [query.sort.field]: query.sort.order.toLowerCase(), id: 'asc' },
      offset: query.range.start,
      limit: query.range.end - query.range.start + 1,
    });
    return { items: jobs.map((j) => this.view(j)), total };
  }

  async get(id: string): Promise<ImportJobView> {
    return this.view(await this.find(id));
  }

  async rows(id: string, query: ListQuery<ImportRowFilter>): Promise<Page<ImportRowView>> {
    const job = await this.find(id);
    // Headers are stored once the file is staged; until then no column is known.
    const fields = Object.entries(job.headers.length ? matchHeaders(job.headers).mapping : {});
    const outcomes = query.filter.outcome;
    const where = `r.import_id = ?${outcomes ? ' and o.outcome = any(?::text[])' : ''}`;
    const params: unknown[] = outcomes ? [id, pgArray(outcomes)] : [id];
    // seq follows the file's row order.
    const order =
      query.sort.field === 'outcome'
        ? `o.outcome ${query.sort.order}, r.seq`
        : `r.seq ${query.sort.order}`;
    const from = `import_row r
      left join import_row_outcome o on o.import_id = r.import_id and o.seq = r.seq`;
    const conn = this.em.getConnection();
    const [rows, [{ total }]] = await Promise.all([
      conn.execute<Record<string, unknown>[]>(
        `select r.seq, r.row_number, o.outcome, coalesce(o.comment, r.failure) as comment,
           o.client_id, r.raw
         from ${from} where ${where} order by ${order} offset ? limit ?`,
        [...params, query.range.start, query.range.end - query.range.start + 1],
      ),
      conn.execute<{ total: number }[]>(
        `select count(*)::int as total from ${from} where ${where}`,
        params,
      ),
    ]);
    return {
      items: rows.map((r) => ({
        id: `${id}:${String(r.seq)}`,
        rowNumber: r.row_number as number,
        outcome: r.outcome as string | null,
        comment: r.comment as string | null,
        clientId: r.client_id as string | null,
        // What the firm typed, whatever the outcome: never the normalised values.
        values: Object.fromEntries(fields.map(([field, i]) => [field, (r.raw as string[])[i]])),
      })),
      total,
    };
  }

  /**
   * A report of an import (404 if there is none), ready to stream: the exception report lists
   * every failed row with its original cells, row number and what to fix; the full report every
   * row with its outcome, comment and the client it created or matched.
   */
  async report(
    id: string,
    kind: ImportReportKind,
    format: 'xlsx' | 'csv',
  ): Promise<(out: Writable) => Promise<void>> {
    const job = await this.find(id);
    const write = format === 'xlsx' ? writeReportXlsx : writeReportCsv;
    const rows = this.reportRows(id, kind === 'exceptions', job.dryRun);
    return (out) =>
      write(out, kind === 'exceptions' ? EXCEPTION_REPORT : FULL_REPORT, job.headers, rows);
  }

  /**
   * Asks the running import to stop. The status changes only from a running state and goes
   * back if Temporal cannot be told; a workflow that is gone can stop nothing, so its job ends
   * as cancelled here. Asking again while it stops repeats the signal.
   */
  async cancel(id: string): Promise<ImportJobView> {
    const job = await this.find(id);
    const from = job.status;
    if (!(await this.moveStatus(id, CANCELLABLE, 'cancelling'))) {
      const { status } = await this.find(id);
      throw ImportsErrors.IMPORT_NOT_RUNNING(
        `This import has already ended (${status}); only a running import can be cancelled.`,
      );
    }
    try {
      await this.temporal.client.workflow.getHandle(job.workflowId).signal(cancelImportSignal);
    } catch (e) {
      if (e instanceof WorkflowNotFoundError) {
        await this.em.nativeUpdate(
          ImportJob,
          { id, status: 'cancelling' },
          { status: 'cancelled', finishedAt: new Date() },
        );
      } else {
        const unavailable = temporalUnavailable(e);
        if (from !== 'cancelling') await this.moveStatus(id, ['cancelling'], from);
        throw unavailable;
      }
    }
    return this.get(id);
  }

  /**
   * Starts the undo workflow. The job is marked undoing first (only from a finished import, so
   * two undos cannot both start) and goes back to its state if the workflow cannot be started.
   */
  async undo(id: string): Promise<ImportJobView> {
    const job = await this.find(id);
    const moved = !job.dryRun && (await this.moveStatus(id, ['completed', 'cancelled'], 'undoing'));
    if (!moved) {
      const now = job.dryRun ? job : await this.find(id);
      const why = now.dryRun ? 'a dry run changed nothing' : `it is ${now.status}`;
      throw ImportsErrors.IMPORT_CANNOT_UNDO(`This import cannot be undone: ${why}.`);
    }
    try {
      await this.temporal.client.workflow.start('clientImportUndoWorkflow', {
        workflowId: clientImportUndoWorkflowId(job.id),
        taskQueue: this.temporal.taskQueue,
        args: [{ importId: job.id, total: job.total, chunkSize: this.config.IMPORT_CHUNK_SIZE }],
        searchAttributes: { ImportId: [job.id] },
      });
    } catch (e) {
      // An undo of this import already running (a lost reply to an earlier start) carries on.
      if (!(e instanceof WorkflowExecutionAlreadyStartedError)) {
        const unavailable = temporalUnavailable(e);
        await this.moveStatus(id, ['undoing'], job.status);
        throw unavailable;
      }
    }
    return this.get(id);
  }

  /** Sets `to` where the job is in one of `from`; false when it was not. */
  private async moveStatus(id: string, from: ImportStatus[], to: ImportStatus): Promise<boolean> {
    const n = await this.em.nativeUpdate(ImportJob, { id, status: { $in: from } }, { status: to });
    return n > 0;
  }

  private async *reportRows(
    id: string,
    failedOnly: boolean,
    dryRun: boolean,
  ): AsyncGenerator<ReportRow> {
    const toRow = (r: ReportRecord): ReportRow => ({
      rowNumber: r.row_number,
      raw: r.raw,
      added: failedOnly
        ? [r.comment ?? '']
        : [
            r.outcome ? OUTCOME_LABEL[r.outcome][dryRun ? 1 : 0] : NOT_PROCESSED,
            r.comment ?? '',
            r.client_name ?? '',
            r.client_id ?? '',
          ],
    });
    let after = 0;
    for (;;) {
      const batch = await this.em.getConnection().execute<ReportRecord[]>(
        `select r.seq, r.row_number, r.raw, o.outcome, o.comment, o.client_id,
           c.display_name as client_name
         from import_row r
         left join import_row_outcome o on o.import_id = r.import_id and o.seq = r.seq
         left join client c on c.id = o.client_id
         where r.import_id = ? and r.seq > ?${failedOnly ? ` and o.outcome = 'failed'` : ''}
         order by r.seq limit ?`,
        [id, after, REPORT_BATCH],
      );
      yield* batch.map(toRow);
      if (batch.length < REPORT_BATCH) return;
      after = batch[batch.length - 1].seq;
    }
  }

  private async find(id: string): Promise<ImportJob> {
    // Refreshed: status changes are conditional updates, made outside the identity map.
    const job = await this.em.findOne(ImportJob, id, { populate: ['createdBy'], refresh: true });
    if (!job) throw ImportsErrors.IMPORT_NOT_FOUND(`No import with id ${id}.`);
    return job;
  }

  private view(job: ImportJob): ImportJobView {
    const undone = ['undoing', 'undone'].includes(job.status);
    return toImportJobView(job, {
      workflowUrl: this.temporal.workflowUrl(job.workflowId),
      undoWorkflowUrl: undone
        ? this.temporal.workflowUrl(clientImportUndoWorkflowId(job.id))
        : null,
    });
  }
}
