import { z } from 'zod';
import { timestampField } from '../../common/http/view-fields';
import { EMAIL_STATUSES } from './outbox.schemas';
import { EMAIL_KINDS } from './outgoing-email';

export const outboxMessageSchema = z.object({
  id: z.uuid(),
  kind: z.enum(EMAIL_KINDS),
  toEmail: z.string(),
  fromEmail: z.string(),
  subject: z.string(),
  status: z.enum(EMAIL_STATUSES),
  contactId: z.uuid().nullable(),
  invitationId: z.uuid().nullable(),
  links: z.array(z.object({ label: z.string(), url: z.string() })),
  error: z.string().nullable(),
  createdAt: timestampField,
  sentAt: timestampField.nullable(),
  deliveredAt: timestampField.nullable(),
  /** One message only (not in the list). */
  text: z.string().nullable().optional(),
  /** Like the text, kept only until the message leaves (it may carry a token). */
  html: z.string().nullable().optional(),
});
export type OutboxMessage = z.infer<typeof outboxMessageSchema>;
