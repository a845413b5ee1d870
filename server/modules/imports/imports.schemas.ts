import { z } from 'zod';
import { IMPORT_MODES, IMPORT_OUTCOMES } from './import-columns';

/** Multipart fields arrive as strings. */
export const startImportSchema = z.strictObject({
  mode: z.enum(IMPORT_MODES).default('upsert'),
  dryRun: z
    .enum(['true', 'false', '1', '0', 'on', 'off'])
    .default('false')
    .transform((v) => v === 'true' || v === '1' || v === 'on'),
});
export type StartImportInput = z.infer<typeof startImportSchema>;

export const IMPORT_SORTABLE = ['createdAt', 'fileName', 'status'] as const;
export const importFilterSchema = z.strictObject({
  status: z.string().max(20).optional(),
  id: z.array(z.uuid()).max(1000).optional(),
});
export type ImportFilter = z.infer<typeof importFilterSchema>;

export const IMPORT_ROW_SORTABLE = ['rowNumber', 'outcome'] as const;
export const importRowFilterSchema = z.strictObject({
  outcome: z
    .union([z.enum(IMPORT_OUTCOMES), z.array(z.enum(IMPORT_OUTCOMES))])
    .transform((v) => (Array.isArray(v) ? v : [v]))
    .optional(),
});
export type ImportRowFilter = z.infer<typeof importRowFilterSchema>;
