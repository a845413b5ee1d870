import { z } from 'zod';
import { timestampField } from '../../common/http/view-fields';

export const checkSchema = z.object({
  ok: z.boolean(),
  latencyMs: z.number(),
  detail: z.string().optional(),
});
export type Check = z.infer<typeof checkSchema>;

export const healthReportSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  database: checkSchema,
  temporal: checkSchema,
  /** Up when a worker proved it is alive lately (`live`) and Temporal lists it polling. */
  worker: checkSchema.extend({ live: z.number().int(), pollers: z.number().int() }),
  /** With `deep`: a real workflow round trip through a worker to the database. */
  probe: checkSchema
    .extend({
      workflowId: z.string(),
      at: timestampField,
      result: z
        .object({
          serverVersion: z.string(),
          migrationsApplied: z.number().int(),
          workerRoundTripMs: z.number(),
        })
        .optional(),
    })
    .optional(),
});
export type HealthReport = z.infer<typeof healthReportSchema>;
