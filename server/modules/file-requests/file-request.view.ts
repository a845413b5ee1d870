/** What the API returns for file requests (staff console and portal share these shapes). */

import { z } from 'zod';
import { namedRefSchema, timestampField, workflowRefSchema } from '../../common/http/view-fields';
import { FILE_REQUEST_STATUSES } from './file-requests.schemas';

export type FileRequestStatus = (typeof FILE_REQUEST_STATUSES)[number];
export const FILE_REQUEST_ITEM_STATUSES = [
  'requested',
  'uploaded',
  'accepted',
  'rejected',
  'not_applicable',
] as const;
export type FileRequestItemStatus = (typeof FILE_REQUEST_ITEM_STATUSES)[number];

export const fileRequestFileRefSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  version: z.number().int(),
});
export type FileRequestFileRef = z.infer<typeof fileRequestFileRefSchema>;

export const fileRequestItemViewSchema = z.object({
  id: z.uuid(),
  position: z.number().int(),
  title: z.string(),
  description: z.string().nullable(),
  status: z.enum(FILE_REQUEST_ITEM_STATUSES),
  /** Staff's reason for a rejection (kept until the next upload). */
  rejectionReason: z.string().nullable(),
  /** The contact's comment when marking the item not applicable. */
  notApplicableComment: z.string().nullable(),
  /** The file the recipient uploaded for this item (each re-upload is a new version). */
  file: fileRequestFileRefSchema.nullable(),
  /** Asked as an update to this existing client file: the accepted upload becomes its next version. */
  updatesFile: fileRequestFileRefSchema.nullable(),
  updatedAt: timestampField,
});
export type FileRequestItemView = z.infer<typeof fileRequestItemViewSchema>;

export const fileRequestRecipientViewSchema = namedRefSchema.extend({ email: z.string() });
export type FileRequestRecipientView = z.infer<typeof fileRequestRecipientViewSchema>;

export const fileRequestEventViewSchema = z.object({
  id: z.uuid(),
  kind: z.string(),
  detail: z.string(),
  itemId: z.uuid().nullable(),
  actor: z.object({ type: z.enum(['staff', 'contact', 'system']), name: z.string() }),
  at: timestampField,
});
export type FileRequestEventView = z.infer<typeof fileRequestEventViewSchema>;

export const fileRequestSummaryViewSchema = z.object({
  id: z.uuid(),
  clientId: z.uuid(),
  clientName: z.string(),
  subject: z.string(),
  status: z.enum(FILE_REQUEST_STATUSES),
  overdue: z.boolean(),
  dueAt: timestampField.nullable(),
  recipients: z.array(fileRequestRecipientViewSchema),
  itemCounts: z.record(z.enum(FILE_REQUEST_ITEM_STATUSES), z.number().int()),
  remindersSent: z.number().int(),
  createdBy: namedRefSchema.nullable(),
  createdAt: timestampField,
  lastActivityAt: timestampField,
});
export type FileRequestSummaryView = z.infer<typeof fileRequestSummaryViewSchema>;

export const fileRequestViewSchema = fileRequestSummaryViewSchema.extend({
  description: z.string().nullable(),
  /** The additional message to the recipients (also emailed with detailed notifications on). */
  message: z.string().nullable(),
  items: z.array(fileRequestItemViewSchema),
  attachments: z.array(fileRequestFileRefSchema),
  events: z.array(fileRequestEventViewSchema),
  /** Staff only: the workflow's live status (null if Temporal did not answer) and Web UI link. */
  workflow: workflowRefSchema
    .extend({
      status: z
        .object({
          state: z.string(),
          overdue: z.boolean(),
          remindersSent: z.number().int(),
          nextReminderAt: timestampField.nullable(),
        })
        .nullable(),
    })
    .optional(),
});
export type FileRequestView = z.infer<typeof fileRequestViewSchema>;
