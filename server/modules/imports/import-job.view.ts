import type { ImportJob } from './import-job.entity';

export type ImportJobView = ReturnType<typeof toImportJobView>;

export const toImportJobView = (
  job: ImportJob,
  links: { workflowUrl: string; undoWorkflowUrl: string | null },
) => ({
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
  createdAt: job.createdAt,
  finishedAt: job.finishedAt ?? null,
});
