import { rm } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import { EntityManager, type FilterQuery } from '@mikro-orm/postgresql';
import { Inject, Injectable, Logger } from '@nestjs/common';
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
import { writeExceptionReportCsv, writeExceptionReportXlsx } from './file/exception-report-writer';
import { ImportFileError } from './file/import-file.error';
import { openImportFile } from './file/import-file-reader';
import { rejectedFile } from './import-file-errors';
import { ImportJob } from './import-job.entity';
import { toImportJobView, type ImportJobView } from './import-job.view';
import { ImportsErrorCode, ImportsException } from './imports.exception';
import type { ImportFilter, ImportRowFilter, StartImportInput } from './imports.schemas';
import { BULK_PRIORITY } from '../../../workflows/shared/priorities';

const RUNNING: ImportStatus[] = ['queued', 'parsing', 'processing'];
const REPORT_BATCH = 1000;

export interface ImportRowView {
  id: string;
  rowNumber: number;
  outcome: string | null;
  comment: string | null;
  clientId: string | null;
  values: Record<string, unknown>;
}

@Injectable()
export class ImportsService {
  private readonly logger = new Logger(ImportsService.name);

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
      throw new ImportsException(
        ImportsErrorCode.FILE_REQUIRED,
        'file: attach a CSV or Excel (.xlsx) file.',
      );
    try {
      await openImportFile(upload.path, { maxRows: this.config.IMPORT_MAX_ROWS });
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
      this.logger.error(e);
      job.status = 'failed';
      job.error =
        'The import could not be started: the workflow service is unavailable. Try again shortly.';
      await this.em.flush();
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
    await this.find(id);
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
           o.client_id, r.data
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
        values: (r.data ?? {}) as Record<string, unknown>,
      })),
      total,
    };
  }

  /**
   * The exception report of an import (404 if there is none), ready to stream: every rejected
   * row with its original cells, row number and what to fix.
   */
  async exceptionReport(
    id: string,
    format: 'xlsx' | 'csv',
  ): Promise<(out: Writable) => Promise<void>> {
    const job = await this.find(id);
    const write = format === 'xlsx' ? writeExceptionReportXlsx : writeExceptionReportCsv;
    return (out) => write(out, job.headers, this.failedRows(id));
  }

  async cancel(id: string): Promise<ImportJobView> {
    const job = await this.find(id);
    if (!RUNNING.includes(job.status)) {
      throw new ImportsException(
        ImportsErrorCode.NOT_RUNNING,
        `This import is ${job.status}; only a running import can be cancelled.`,
      );
    }
    job.status = 'cancelling';
    await this.em.flush();
    await this.temporal.client.workflow.getHandle(job.workflowId).signal(cancelImportSignal);
    return this.view(job);
  }

  async undo(id: string): Promise<ImportJobView> {
    const job = await this.find(id);
    if (job.dryRun || !['completed', 'cancelled'].includes(job.status)) {
      const why = job.dryRun ? 'a dry run changed nothing' : `it is ${job.status}`;
      throw new ImportsException(
        ImportsErrorCode.CANNOT_UNDO,
        `This import cannot be undone: ${why}.`,
      );
    }
    job.status = 'undoing';
    await this.em.flush();
    await this.temporal.client.workflow.start('clientImportUndoWorkflow', {
      workflowId: clientImportUndoWorkflowId(job.id),
      taskQueue: this.temporal.taskQueue,
      args: [{ importId: job.id, total: job.total, chunkSize: this.config.IMPORT_CHUNK_SIZE }],
      searchAttributes: { ImportId: [job.id] },
    });
    return this.view(job);
  }

  private async *failedRows(
    id: string,
  ): AsyncGenerator<{ rowNumber: number; raw: string[]; comment: string }> {
    let after = 0;
    for (;;) {
      const batch = await this.em
        .getConnection()
        .execute<{ seq: number; row_number: number; raw: string[]; comment: string }[]>(
          `select o.seq, r.row_number, r.raw, o.comment
           from import_row_outcome o join import_row r on r.import_id = o.import_id and r.seq = o.seq
           where o.import_id = ? and o.outcome = 'failed' and o.seq > ? order by o.seq limit ?`,
          [id, after, REPORT_BATCH],
        );
      for (const r of batch) yield { rowNumber: r.row_number, raw: r.raw, comment: r.comment };
      if (batch.length < REPORT_BATCH) return;
      after = batch[batch.length - 1].seq;
    }
  }

  private async find(id: string): Promise<ImportJob> {
    const job = await this.em.findOne(ImportJob, id, { populate: ['createdBy'] });
    if (!job) throw new ImportsException(ImportsErrorCode.NOT_FOUND, `No import with id ${id}.`);
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
