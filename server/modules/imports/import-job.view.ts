import { z } from 'zod';
import { isoDate } from '../../common/http/iso-date';
import { timestampField } from '../../common/http/view-fields';
import { IMPORT_STATUSES } from '@workflows/client-import/client-import.contract';
import { IMPORT_MODES } from './import-columns';
import type { ImportJob } from './import-job.entity';

export const importJobViewSchema = z.object({
  id: z.uuid(),
  fileName: z.string(),
  format: z.enum(['csv', 'xlsx']).nullable(),
  mode: z.enum(IMPORT_MODES),
  dryRun: z.boolean(),
  status: z.enum(IMPORT_STATUSES),
  total: z.number().int(),
  processed: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  failed: z.number().int(),
  unknownColumns: z.array(z.string()),
  error: z.string().nullable(),
  errorCode: z.string().nullable(),
  workflowId: z.string(),
  workflowUrl: z.string(),
  undoWorkflowUrl: z.string().nullable(),
  undoReport: z
    .object({
      deleted: z.number().int(),
      restored: z.number().int(),
      skippedCount: z.number().int(),
      /** The first thousand skipped records, with why. */
      skipped: z.array(
        z.object({ clientId: z.uuid(), displayName: z.string(), reason: z.string() }),
      ),
    })
    .nullable(),
  realImportId: z.uuid().nullable(),
  createdBy: z.object({ id: z.uuid(), email: z.string() }).nullable(),
  createdAt: timestampField,
  finishedAt: timestampField.nullable(),
});
export type ImportJobView = z.infer<typeof importJobViewSchema>;

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
