import { Chip } from '@mui/material';
import type { MouseEvent } from 'react';
import { type FieldProps, Link, useCreatePath, useRecordContext } from 'react-admin';
import type { CampaignRecipientView, CampaignView, RecipientStatus } from '../../types';
import { campaignStatuses, recipientStatuses } from './campaign-choices';
import { useFirmSettings } from './use-email-delivery';

/** The campaign's status as a chip. */
export const CampaignStatusField = (props: Partial<FieldProps<CampaignView>>) => {
  const campaign = useRecordContext<CampaignView>(props);
  const status = campaign && campaignStatuses[campaign.status];
  if (!status) return null;
  return <Chip size="small" color={status.color} label={status.name} />;
};

export const RecipientStatusChip = ({ status }: { status: RecipientStatus }) => {
  const { keptLocally } = useFirmSettings();
  const label = recipientStatuses(keptLocally)[status];
  return (
    <Chip
      size="small"
      variant="outlined"
      color={label?.color ?? 'default'}
      label={label?.name ?? status}
    />
  );
};

export const RecipientStatusField = (props: Partial<FieldProps<CampaignRecipientView>>) => {
  const recipient = useRecordContext<CampaignRecipientView>(props);
  return recipient ? <RecipientStatusChip status={recipient.status} /> : null;
};

/** The segment by name, linked; campaigns outlive a deleted segment. */
export const CampaignSegmentField = (props: Partial<FieldProps<CampaignView>>) => {
  const campaign = useRecordContext<CampaignView>(props);
  const createPath = useCreatePath();
  if (!campaign) return null;
  if (!campaign.segmentId) return <>Deleted segment</>;
  return (
    <Link
      to={createPath({ resource: 'segments', id: campaign.segmentId, type: 'edit' })}
      onClick={(event: MouseEvent) => event.stopPropagation()}
    >
      {campaign.segmentName}
    </Link>
  );
};

const when = (date: string | null) => (date ? new Date(date).toLocaleString() : '');

/** When it went or will go: "Scheduled for …", "Sent …", "Sending since …". */
export const campaignWhenText = (campaign: CampaignView) => {
  switch (campaign.status) {
    case 'scheduled':
      return `Scheduled for ${when(campaign.scheduledAt)}`;
    case 'sending':
      return `Sending since ${when(campaign.startedAt)}`;
    case 'sent':
      return `Sent ${when(campaign.finishedAt ?? campaign.startedAt)}`;
    case 'cancelled':
      return `Cancelled ${when(campaign.finishedAt)}`;
    default:
      return 'Not sent';
  }
};

export const CampaignWhenField = (props: Partial<FieldProps<CampaignView>>) => {
  const campaign = useRecordContext<CampaignView>(props);
  return campaign ? <>{campaignWhenText(campaign)}</> : null;
};
