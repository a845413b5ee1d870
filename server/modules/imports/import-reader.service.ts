import type { Writable } from 'node:stream';
import { EntityManager, type FilterQuery } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { Page } from '../../common/http/content-range';
import { isoDate } from '../../common/http/iso-date';
import type { ListQuery } from '../../common/http/list-query';
import { sqlRunner } from '../../database/sql-runner';
import { TemporalService } from '../../temporal/temporal.service';
import {
  clientImportUndoWorkflowId,
  type ImportStatus,
} from '@workflows/client-import/client-import.contract';
import { matchHeaders } from './file/header-matcher';
import { writeReportCsv, writeReportXlsx, type ReportRow } from './file/import-report-writer';
import { EXCEPTION_REPORT, FULL_REPORT } from './file/report-layout';
import type { ImportOutcome } from './import-columns';
import { ImportJob } from './import-job.entity';
import type { ImportJobView } from './import-job.view';
import { ImportsErrors } from './imports.errors';
import type { ImportFilter, ImportRowFilter } from './imports.schemas';
import type { ImportRowView } from './import-row.view';
import { findImportRowsPage, findReportBatch, type ReportRecord } from './imports.repository';

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

/** Reads imports as the API shows them: lists, one job, its rows and its reports. */
@Injectable()
export class ImportReader {
  constructor(
    private readonly em: EntityManager,
    private readonly temporal: TemporalService,
  ) {}

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
    const { rows, total } = await findImportRowsPage(sqlRunner(this.em), {
      importId: id,
      outcomes: query.filter.outcome,
      sort: query.sort,
      offset: query.range.start,
      limit: query.range.end - query.range.start + 1,
    });
    return {
      items: rows.map((r) => ({
        id: `${id}:${String(r.seq)}`,
        rowNumber: r.row_number,
        outcome: r.outcome,
        comment: r.comment,
        clientId: r.client_id,
        // What the firm typed, whatever the outcome: never the normalised values.
        values: Object.fromEntries(fields.map(([field, i]) => [field, r.raw[i]])),
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
      const batch = await findReportBatch(sqlRunner(this.em), id, {
        after,
        limit: REPORT_BATCH,
        failedOnly,
      });
      yield* batch.map(toRow);
      if (batch.length < REPORT_BATCH) return;
      after = batch[batch.length - 1].seq;
    }
  }

  /** The job (404 if there is none), as it is now. */
  async find(id: string): Promise<ImportJob> {
    // Refreshed: status changes are conditional updates, made outside the identity map.
    const job = await this.em.findOne(ImportJob, id, { populate: ['createdBy'], refresh: true });
    if (!job) throw ImportsErrors.IMPORT_NOT_FOUND(`No import with id ${id}.`);
    return job;
  }

  view(job: ImportJob): ImportJobView {
    const undone = ['undoing', 'undone'].includes(job.status);
    return toImportJobView(job, {
      workflowUrl: this.temporal.workflowUrl(job.workflowId),
      undoWorkflowUrl: undone
        ? this.temporal.workflowUrl(clientImportUndoWorkflowId(job.id))
        : null,
    });
  }
}

export const toImportJobView = (
  job: ImportJob,
  links: { workflowUrl: string; undoWorkflowUrl: string | null },
): ImportJobView => ({
  id: job.id,
  fileName: job.fileName,
  format: job.format ?? null,
  mode: job.mode,
  dryRun: job.dryRun,
  status: job.status,
  total: job.total,
  processed: job.processed,
  created: job.created,
  updated: job.updated,
  unchanged: job.unchanged,
  failed: job.failed,
  unknownColumns: job.unknownColumns,
  error: job.error ?? null,
  errorCode: job.errorCode ?? null,
  workflowId: job.workflowId,
  ...links,
  undoReport: job.undoReport ?? null,
  realImportId: job.realImportId ?? null,
  createdBy: job.createdBy ? { id: job.createdBy.id, email: job.createdBy.email } : null,
  createdAt: isoDate(job.createdAt),
  finishedAt: isoDate(job.finishedAt ?? null),
});
