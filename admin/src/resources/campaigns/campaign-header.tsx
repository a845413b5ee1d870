import { Box, Stack, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import type { CampaignView } from '../../types';
import { CampaignSegmentField, CampaignStatusField, campaignWhenText } from './campaign-chips';

const Detail = ({ label, children }: { label: string; children: ReactNode }) => (
  <Box sx={{ minWidth: 0 }}>
    <Typography variant="caption" color="text.secondary" component="div">
      {label}
    </Typography>
    <Typography variant="body2" component="div" sx={{ overflowWrap: 'anywhere' }}>
      {children}
    </Typography>
  </Box>
);

interface CampaignHeaderProps {
  campaign: CampaignView;
  /** Next to the name, on the right: the workflow. */
  aside?: ReactNode;
  /** Under the name: what can be done with the campaign now. */
  actions?: ReactNode;
}

/** Name and status, the actions, then what goes out, from whom, to whom and when. */
export const CampaignHeader = ({ campaign, aside, actions }: CampaignHeaderProps) => (
  <Stack spacing={2}>
    <Stack
      direction={{ xs: 'column', sm: 'row' }}
      spacing={1}
      sx={{ justifyContent: 'space-between', alignItems: { sm: 'flex-start' } }}
    >
      <Stack
        direction="row"
        spacing={1}
        useFlexGap
        sx={{ alignItems: 'center', flexWrap: 'wrap', minWidth: 0 }}
      >
        <Typography variant="h5" component="h2" sx={{ overflowWrap: 'anywhere' }}>
          {campaign.name}
        </Typography>
        <CampaignStatusField />
      </Stack>
      {aside}
    </Stack>
    {actions}
    <Box
      sx={{
        display: 'grid',
        gridTemplateColumns: {
          xs: '1fr',
          sm: 'repeat(2, minmax(0, 1fr))',
          md: 'repeat(4, minmax(0, 1fr))',
        },
        gap: 2,
      }}
    >
      <Detail label="Subject">{campaign.subject}</Detail>
      <Detail label="Sender">{campaign.senderEmail}</Detail>
      <Detail label="Segment">
        <CampaignSegmentField />
      </Detail>
      <Detail label="When">{campaignWhenText(campaign)}</Detail>
      <Detail label="Created by">
        {campaign.createdBy?.name ?? 'Someone no longer here'},{' '}
        {new Date(campaign.createdAt).toLocaleString()}
      </Detail>
    </Box>
  </Stack>
);
