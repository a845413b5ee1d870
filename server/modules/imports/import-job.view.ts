import { z } from 'zod';
import { timestampField } from '../../common/http/view-fields';
import { IMPORT_STATUSES } from '@workflows/client-import/client-import.contract';
import { IMPORT_MODES } from './import-columns';

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
