import { z } from 'zod';
import { IMPORT_FIELDS } from './import-columns';

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
