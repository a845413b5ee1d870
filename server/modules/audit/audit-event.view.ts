import { z } from 'zod';
import { timestampField } from '../../common/http/view-fields';

export const auditEventViewSchema = z.object({
  id: z.uuid(),
  at: timestampField,
  actorType: z.string(),
  actorId: z.uuid().nullable(),
  actorEmail: z.string().nullable(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  clientId: z.uuid().nullable(),
  summary: z.string(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
});
export type AuditEventView = z.infer<typeof auditEventViewSchema>;
