import { rm } from 'node:fs/promises';
import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/client';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/env.schema';
import { TemporalService } from '../../temporal/temporal.service';
import {
  cancelImportSignal,
  clientImportUndoWorkflowId,
  clientImportWorkflowId,
  type ImportStatus,
} from '@workflows/client-import/client-import.contract';
import { FileStore } from '../files/file-store.service';
import { StaffUser } from '../staff/staff-user.entity';
import { ImportFileError } from './file/import-file.error';
import { openImportFile } from './file/import-file-reader';
import { rejectedFile } from './import-file-errors';
import { ImportJob } from './import-job.entity';
import type { ImportJobView } from './import-job.view';
import { ImportReader } from './import-reader.service';
import { ImportsErrors } from './imports.errors';
import type { StartImportInput } from './imports.schemas';
import { BULK_PRIORITY } from '@workflows/shared/priorities';
import { temporalUnavailable } from '../../temporal/temporal-unavailable';

/** A cancel while the import stops again repeats the signal (a lost one is sent anew). */
const CANCELLABLE: ImportStatus[] = ['queued', 'parsing', 'processing', 'cancelling'];
@Injectable()
export class ImportsService {
  constructor(
    private readonly em: EntityManager,
    private readonly reader: ImportReader,
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
    const dryRun = await this.reader.find(id);
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
      await this.temporal.start('clientImportWorkflow', {
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
    return this.reader.view(job);
  }

  /**
   * Asks the running import to stop. The status changes only from a running state and goes
   * back if Temporal cannot be told; a workflow that is gone can stop nothing, so its job ends
   * as cancelled here. Asking again while it stops repeats the signal.
   */
  async cancel(id: string): Promise<ImportJobView> {
    const job = await this.reader.find(id);
    const from = job.status;
    if (!(await this.moveStatus(id, CANCELLABLE, 'cancelling'))) {
      const { status } = await this.reader.find(id);
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
    return this.reader.get(id);
  }

  /**
   * Starts the undo workflow. The job is marked undoing first (only from a finished import, so
   * two undos cannot both start) and goes back to its state if the workflow cannot be started.
   */
  async undo(id: string): Promise<ImportJobView> {
    const job = await this.reader.find(id);
    const moved = !job.dryRun && (await this.moveStatus(id, ['completed', 'cancelled'], 'undoing'));
    if (!moved) {
      const now = job.dryRun ? job : await this.reader.find(id);
      const why = now.dryRun ? 'a dry run changed nothing' : `it is ${now.status}`;
      throw ImportsErrors.IMPORT_CANNOT_UNDO(`This import cannot be undone: ${why}.`);
    }
    try {
      await this.temporal.start('clientImportUndoWorkflow', {
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
    return this.reader.get(id);
  }

  /** Sets `to` where the job is in one of `from`; false when it was not. */
  private async moveStatus(id: string, from: ImportStatus[], to: ImportStatus): Promise<boolean> {
    const n = await this.em.nativeUpdate(ImportJob, { id, status: { $in: from } }, { status: to });
    return n > 0;
  }
}
