import { z } from 'zod';
import { oneOrMany, senderEmail } from '../../common/validation/schema-helpers';
import { mergeText } from '../email/merge-text.schema';
import { CAMPAIGN_STATUSES, RECIPIENT_STATUSES } from './campaign.view';

const MAX_SCHEDULE_DAYS = 366;

const subject = mergeText(200).refine((s) => !/[\r\n]/.test(s), {
  message: 'must be one line',
});
const body = mergeText(50_000);

export const createCampaignSchema = z.strictObject({
  name: z.string().trim().min(1, 'is required').max(200),
  subject,
  body,
  senderEmail: senderEmail(),
  segmentId: z.uuid({ message: 'must be a segment id' }),
});
export type CreateCampaignInput = z.infer<typeof createCampaignSchema>;

const readOnly = z.unknown().optional();

/** Partial; react-admin sends the whole record back, so the read-only fields are ignored. */
export const updateCampaignSchema = createCampaignSchema.partial().extend({
  id: readOnly,
  segmentName: readOnly,
  status: readOnly,
  scheduledAt: readOnly,
  startedAt: readOnly,
  finishedAt: readOnly,
  createdBy: readOnly,
  createdAt: readOnly,
  updatedAt: readOnly,
  stats: readOnly,
  workflow: readOnly,
});
export type UpdateCampaignInput = Partial<CreateCampaignInput>;

/** A message being composed; `segmentId` picks a real recipient for the merge fields. */
export const previewCampaignSchema = z.strictObject({
  subject,
  body,
  segmentId: z.uuid({ message: 'must be a segment id' }).nullish(),
});
export type PreviewCampaignInput = z.infer<typeof previewCampaignSchema>;

export const sendCampaignSchema = z.strictObject({
  /** Absent or null: now. */
  scheduledAt: z
    .string()
    .trim()
    .refine((v) => !Number.isNaN(Date.parse(v)), { message: 'must be an ISO date-time' })
    .transform((v) => new Date(v))
    .refine((d) => d.getTime() > Date.now(), { message: 'must be in the future' })
    .refine((d) => d.getTime() < Date.now() + MAX_SCHEDULE_DAYS * 86_400_000, {
      message: `must be within ${MAX_SCHEDULE_DAYS} days`,
    })
    .nullish(),
});
export type SendCampaignInput = z.infer<typeof sendCampaignSchema>;

export const campaignFilterSchema = z.strictObject({
  q: z.string().trim().max(200).optional(),
  status: oneOrMany(CAMPAIGN_STATUSES).optional(),
  segmentId: z.uuid().optional(),
  id: z.array(z.uuid()).max(1000).optional(),
});
export type CampaignFilter = z.infer<typeof campaignFilterSchema>;

export const CAMPAIGN_SORTABLE = [
  'createdAt',
  'updatedAt',
  'name',
  'status',
  'scheduledAt',
  'startedAt',
] as const;
export type CampaignSortField = (typeof CAMPAIGN_SORTABLE)[number];

export const recipientFilterSchema = z.strictObject({
  q: z.string().trim().max(200).optional(),
  status: oneOrMany(RECIPIENT_STATUSES).optional(),
  id: z.array(z.uuid()).max(1000).optional(),
});
export type RecipientFilter = z.infer<typeof recipientFilterSchema>;

export const RECIPIENT_SORTABLE = ['email', 'name', 'clientName', 'status', 'sentAt'] as const;
export type RecipientSortField = (typeof RECIPIENT_SORTABLE)[number];
