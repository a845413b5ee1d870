import { z } from 'zod';
import { isDay } from '../../common/time/firm-day';
import { oneLine, oneOrMany, optionalText } from '../../common/validation/schema-helpers';

/**
 * A due date: a day, kept as "2026-12-01" until the service ends it at the firm's midnight, or an
 * exact time; never in the past.
 */
const dueAt = z
  .string()
  .trim()
  .refine((v) => isDay(v) || !Number.isNaN(Date.parse(v)), {
    message: 'must be a date (2026-12-01) or an ISO date-time',
  })
  .transform((v) => (isDay(v) ? v : new Date(v)))
  .refine((d) => typeof d === 'string' || !Number.isNaN(d.getTime()), {
    message: 'is not a valid date',
  })
  .refine((d) => typeof d === 'string' || d.getTime() > Date.now(), {
    message: 'must be in the future',
  });

const itemSchema = z.strictObject({
  title: oneLine(200),
  description: optionalText(2000),
  /** Asks for a new version of this existing file of the client. */
  updatesFileId: z.uuid({ message: 'must be a file id' }).nullish(),
});

export const createFileRequestSchema = z.strictObject({
  clientId: z.uuid({ message: 'must be a client id' }),
  recipientIds: z
    .array(z.uuid({ message: 'must be contact ids' }))
    .min(1, 'choose at least one recipient')
    .max(50)
    .transform((ids) => [...new Set(ids)]),
  subject: oneLine(200),
  description: optionalText(5000),
  message: optionalText(5000),
  dueAt: dueAt.nullish(),
  items: z.array(itemSchema).max(50).optional(),
  attachmentFileIds: z
    .array(z.uuid({ message: 'must be file ids' }))
    .max(20)
    .transform((ids) => [...new Set(ids)])
    .optional(),
});
export type CreateFileRequestInput = z.infer<typeof createFileRequestSchema>;

export const recipientOptionsQuerySchema = z.object({
  clientId: z.uuid({ message: 'must be a client id' }),
});

export const rejectItemSchema = z.strictObject({
  reason: z.string().trim().min(1, 'say why, so the client knows what to send').max(1000),
});

export const notApplicableSchema = z.strictObject({
  comment: z.string().trim().min(1, 'say why this does not apply').max(1000),
});

export const emptyBodySchema = z.strictObject({});

export const FILE_REQUEST_STATUSES = ['open', 'uploaded', 'completed', 'cancelled'] as const;

export const fileRequestFilterSchema = z.strictObject({
  q: z.string().trim().max(200).optional(),
  status: oneOrMany(FILE_REQUEST_STATUSES).optional(),
  clientId: z.uuid().optional(),
  contactId: z.uuid().optional(),
  overdue: z.boolean().optional(),
  id: z.array(z.uuid()).max(1000).optional(),
});
export type FileRequestFilter = z.infer<typeof fileRequestFilterSchema>;

export const FILE_REQUEST_SORTABLE = [
  'lastActivityAt',
  'createdAt',
  'dueAt',
  'subject',
  'status',
] as const;
export type FileRequestSortField = (typeof FILE_REQUEST_SORTABLE)[number];
