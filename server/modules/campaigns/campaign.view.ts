import { z } from 'zod';
import { MERGE_FIELDS } from '../email/merge-fields';
import { namedRefSchema, timestampField, workflowRefSchema } from '../../common/http/view-fields';

/** What the API returns for campaigns. */

export const CAMPAIGN_STATUSES = ['draft', 'scheduled', 'sending', 'sent', 'cancelled'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

export const SKIP_REASONS = ['no_email', 'suppressed', 'unsubscribed'] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

/** Where one recipient's email stands (`sent`: accepted by Resend, or recorded in the Outbox). */
export const DELIVERY_STATUSES = [
  'queued',
  'sent',
  'delivered',
  'bounced',
  'complained',
  'failed',
  'cancelled',
] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** A recipient's status in the list: skipped, unsubscribed (through this campaign), or the email's. */
export const RECIPIENT_STATUSES = [
  ...DELIVERY_STATUSES,
  'unsubscribed',
  ...SKIP_REASONS.map((r) => `skipped:${r}` as const),
] as const;
export type RecipientStatus = (typeof RECIPIENT_STATUSES)[number];

const count = z.number().int();

/**
 * `recipients` get an email; each is counted once in the delivery statuses (queued … cancelled).
 * `skipped` got none; `unsubscribed` is how many used this campaign's link (whatever the email did).
 */
export const campaignStatsSchema = z
  .record(z.enum(DELIVERY_STATUSES), count)
  .and(z.object({ recipients: count, skipped: count, unsubscribed: count }));
export type CampaignStats = z.infer<typeof campaignStatsSchema>;

export const campaignViewSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  subject: z.string(),
  /** Markdown with merge fields. */
  body: z.string(),
  senderEmail: z.string(),
  segmentId: z.uuid().nullable(),
  /** Null once the segment is deleted. */
  segmentName: z.string().nullable(),
  status: z.enum(CAMPAIGN_STATUSES),
  scheduledAt: timestampField.nullable(),
  startedAt: timestampField.nullable(),
  finishedAt: timestampField.nullable(),
  createdBy: namedRefSchema.nullable(),
  createdAt: timestampField,
  updatedAt: timestampField,
  /** Zero until the campaign is sent (recipients are resolved at send time). */
  stats: campaignStatsSchema,
  /** On one campaign: its workflow, and its live status while scheduled or sending. */
  workflow: workflowRefSchema
    .extend({
      status: z.object({ state: z.string(), total: count, queued: count }).nullable(),
    })
    .optional(),
});
export type CampaignView = z.infer<typeof campaignViewSchema>;

export const campaignRecipientViewSchema = z.object({
  /** The contact's id (one row per contact). */
  id: z.uuid(),
  name: z.string(),
  email: z.string().nullable(),
  clientId: z.uuid().nullable(),
  clientName: z.string().nullable(),
  status: z.enum(RECIPIENT_STATUSES),
  sentAt: timestampField.nullable(),
  deliveredAt: timestampField.nullable(),
  unsubscribedAt: timestampField.nullable(),
});
export type CampaignRecipientView = z.infer<typeof campaignRecipientViewSchema>;

/** Who the campaign's segment reaches now: the count staff see before sending. */
export const campaignAudienceSchema = z.object({
  clients: count,
  /** Matching clients without any contact: nobody to email there. */
  clientsWithoutContact: count,
  contacts: count,
  sendable: count,
  skipped: z.object({ noEmail: count, suppressed: count, unsubscribed: count }),
});
export type CampaignAudience = z.infer<typeof campaignAudienceSchema>;

/** A campaign's email as a recipient would see it, with the sample values merged in. */
export const campaignPreviewSchema = z.object({
  subject: z.string(),
  html: z.string(),
  text: z.string(),
  mergeValues: z.record(z.enum(MERGE_FIELDS), z.string()),
});
export type CampaignPreview = z.infer<typeof campaignPreviewSchema>;
