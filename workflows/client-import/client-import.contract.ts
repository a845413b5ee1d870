import { defineQuery, defineSignal } from '@temporalio/workflow';

export const IMPORT_STATUSES = [
  'queued',
  'parsing',
  'processing',
  'completed',
  'failed',
  'cancelling',
  'cancelled',
  'undoing',
  'undone',
] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

export interface ClientImportInput {
  importId: string;
  chunkSize: number;
  /** Chunks processed at the same time. */
  concurrency: number;
}

export interface ImportCounts {
  processed: number;
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
}

export interface ImportProgress extends ImportCounts {
  status: ImportStatus;
  total: number;
}

export interface StageResult {
  /** Data rows staged (valid or not); 0 when the file was rejected. */
  total: number;
  /** Rows that failed validation while staging (already counted as failed). */
  failed: number;
  /** Set when the whole file is rejected (empty, wrong content, missing columns, …). */
  fileError?: { code: string; message: string };
  /** Set when the job had already ended (its start was recorded as failed): nothing staged. */
  ended?: boolean;
}

export interface UndoReport {
  deleted: number;
  restored: number;
  skippedCount: number;
  /** The first thousand skipped records, with why. */
  skipped: { clientId: string; displayName: string; reason: string }[];
}

/** Worker activities of the import workflows; rows stay in PostgreSQL, only ids travel. */
export interface ClientImportActivities {
  stageImportFile(importId: string): Promise<StageResult>;
  /** Idempotent: a retried chunk finds its rows done and changes nothing. */
  processImportChunk(importId: string, fromSeq: number, toSeq: number): Promise<ImportCounts>;
  finishImport(
    importId: string,
    status: 'completed' | 'failed' | 'cancelled',
    error?: string,
  ): Promise<void>;
  undoImportChunk(importId: string, fromSeq: number, toSeq: number): Promise<UndoReport>;
  finishUndo(importId: string, report: UndoReport): Promise<void>;
  /** Back to the finished state with the reason, so staff can ask for the undo again. */
  failUndo(importId: string, reason: string): Promise<void>;
}

export const cancelImportSignal = defineSignal('cancel');
export const importProgressQuery = defineQuery<ImportProgress>('progress');

export const clientImportWorkflowId = (importId: string): string => `client-import-${importId}`;
export const clientImportUndoWorkflowId = (importId: string): string =>
  `client-import-undo-${importId}`;
