import { MERGE_FIELD_HELP } from '@server/modules/email/merge-fields';
import type { ChipProps } from '@mui/material';
import type { CampaignStatus, RecipientStatus } from '../../types';

// Human labels (and chip colours) for the API's campaign enums.
interface Label {
  name: string;
  color: ChipProps['color'];
}

export const campaignStatuses: Record<CampaignStatus, Label> = {
  draft: { name: 'Draft', color: 'default' },
  scheduled: { name: 'Scheduled', color: 'info' },
  sending: { name: 'Sending', color: 'warning' },
  sent: { name: 'Sent', color: 'success' },
  cancelled: { name: 'Cancelled', color: 'default' },
};

export const campaignStatusChoices = Object.entries(campaignStatuses).map(([id, { name }]) => ({
  id,
  name,
}));

/** A scheduled or sending campaign can still be cancelled. */
export const isCampaignRunning = (status: CampaignStatus) =>
  status === 'scheduled' || status === 'sending';

/**
 * `sent` means "accepted by Resend", or, without RESEND_API_KEY, "recorded in the Outbox": said
 * as the Outbox says it then ("Kept locally"), so nobody waits for an email that never left.
 */
export const recipientStatuses = (keptLocally: boolean): Record<RecipientStatus, Label> => ({
  queued: { name: 'Queued', color: 'default' },
  sent: keptLocally
    ? { name: 'Kept locally', color: 'secondary' }
    : { name: 'Sent', color: 'info' },
  delivered: { name: 'Delivered', color: 'success' },
  bounced: { name: 'Bounced', color: 'error' },
  complained: { name: 'Marked as spam', color: 'error' },
  failed: { name: 'Failed', color: 'error' },
  cancelled: { name: 'Cancelled', color: 'default' },
  unsubscribed: { name: 'Unsubscribed', color: 'warning' },
  'skipped:no_email': { name: 'Skipped: no email', color: 'default' },
  'skipped:suppressed': { name: 'Skipped: address blocked', color: 'default' },
  'skipped:unsubscribed': { name: 'Skipped: unsubscribed earlier', color: 'default' },
});

export const recipientStatusChoices = (keptLocally: boolean) =>
  Object.entries(recipientStatuses(keptLocally)).map(([id, { name }]) => ({ id, name }));

/** The merge fields the API knows, with what each becomes. */
export const mergeFields = Object.entries(MERGE_FIELD_HELP).map(([name, description]) => ({
  name,
  description,
}));
