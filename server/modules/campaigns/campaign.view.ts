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

/**
 * `recipients` get an email; each is counted once in the delivery statuses (queued … cancelled).
 * `skipped` got none; `unsubscribed` is how many used this campaign's link (whatever the email did).
 */
export type CampaignStats = Record<DeliveryStatus, number> & {
  recipients: number;
  skipped: number;
  unsubscribed: number;
};

export interface CampaignView {
  id: string;
  name: string;
  subject: string;
  /** Markdown with merge fields. */
  body: string;
  senderEmail: string;
  segmentId: string | null;
  /** Null once the segment is deleted. */
  segmentName: string | null;
  status: CampaignStatus;
  scheduledAt: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  createdBy: { id: string; name: string } | null;
  createdAt: string;
  updatedAt: string;
  /** Zero until the campaign is sent (recipients are resolved at send time). */
  stats: CampaignStats;
  /** On one campaign: its workflow, and its live status while scheduled or sending. */
  workflow?: {
    id: string;
    url: string;
    status: { state: string; total: number; queued: number } | null;
  };
}

export interface CampaignRecipientView {
  /** The contact's id (one row per contact). */
  id: string;
  name: string;
  email: string | null;
  clientId: string | null;
  clientName: string | null;
  status: RecipientStatus;
  sentAt: string | null;
  deliveredAt: string | null;
  unsubscribedAt: string | null;
}

/** Who the campaign's segment reaches now: the count staff see before sending. */
export interface CampaignAudience {
  clients: number;
  /** Matching clients without any contact: nobody to email there. */
  clientsWithoutContact: number;
  contacts: number;
  sendable: number;
  skipped: { noEmail: number; suppressed: number; unsubscribed: number };
}
