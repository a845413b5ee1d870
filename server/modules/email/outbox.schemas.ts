import { z } from 'zod';
import { oneOrMany } from '../../common/validation/schema-helpers';
import { EMAIL_KINDS } from './outgoing-email';

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
  kind: oneOrMany(EMAIL_KINDS).optional(),
  contactId: z.uuid().optional(),
  id: z.array(z.uuid()).max(1000).optional(),
});
export type OutboxFilter = z.infer<typeof outboxFilterSchema>;
