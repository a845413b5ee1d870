import { z } from 'zod';
import { oneOrMany } from '../../common/validation/schema-helpers';

export const EMAIL_STATUSES = [
  'queued',
  'sending',
  'sent',
  'delivered',
  'bounced',
  'complained',
  'failed',
  'cancelled',
  'recorded',
] as const;

export const outboxFilterSchema = z.strictObject({
  q: z.string().trim().max(200).optional(),
  status: oneOrMany(EMAIL_STATUSES).optional(),
  kind: oneOrMany(['invitation', 'reminder'] as const).optional(),
  contactId: z.uuid().optional(),
  id: z.array(z.uuid()).max(1000).optional(),
});
export type OutboxFilter = z.infer<typeof outboxFilterSchema>;
