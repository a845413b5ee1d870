import { z } from 'zod';

const oneOrManyText = z
  .union([z.string().max(100), z.array(z.string().max(100)).max(50)])
  .transform((v) => (Array.isArray(v) ? v : [v]));

export const auditFilterSchema = z.strictObject({
  q: z.string().trim().max(200).optional(),
  action: oneOrManyText.optional(),
  actorType: z.enum(['staff', 'contact', 'system', 'anonymous']).optional(),
  actorId: z.uuid().optional(),
  targetType: z.string().max(50).optional(),
  targetId: z.uuid().optional(),
  clientId: z.uuid().optional(),
  from: z.iso.datetime({ offset: true, message: 'must be an ISO date-time' }).optional(),
  to: z.iso.datetime({ offset: true, message: 'must be an ISO date-time' }).optional(),
  id: z.array(z.uuid()).max(1000).optional(),
});
export type AuditFilter = z.infer<typeof auditFilterSchema>;

export const AUDIT_SORTABLE = ['at', 'action'] as const;
export type AuditSortField = (typeof AUDIT_SORTABLE)[number];
