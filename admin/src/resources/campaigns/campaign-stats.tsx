import { Box, Typography } from '@mui/material';
import type { CampaignStats } from '../../types';

interface Stat {
  key: keyof CampaignStats;
  label: string;
  /** Shown only when not zero. */
  optional?: boolean;
}

const stats = (keptLocally: boolean): Stat[] => [
  { key: 'recipients', label: 'Recipients' },
  { key: 'queued', label: 'Queued', optional: true },
  { key: 'sent', label: keptLocally ? 'Sent (kept locally)' : 'Sent' },
  { key: 'delivered', label: 'Delivered' },
  { key: 'bounced', label: 'Bounced' },
  { key: 'complained', label: 'Marked as spam' },
  { key: 'failed', label: 'Failed' },
  { key: 'cancelled', label: 'Cancelled', optional: true },
  { key: 'unsubscribed', label: 'Unsubscribed' },
  { key: 'skipped', label: 'Skipped', optional: true },
];

/** Per-campaign counts: each recipient in one delivery status; unsubscribes overlap them. */
export const CampaignStatsGrid = ({
  values,
  keptLocally,
}: {
  values: CampaignStats;
  keptLocally: boolean;
}) => (
  <Box
    component="dl"
    sx={{
      m: 0,
      display: 'grid',
      gridTemplateColumns: 'repeat(auto-fill, minmax(130px, 1fr))',
      gap: 2,
    }}
  >
    {stats(keptLocally)
      .filter(({ key, optional }) => !optional || values[key] > 0)
      .map(({ key, label }) => (
        <Box key={key}>
          <Typography component="dt" variant="caption" color="text.secondary">
            {label}
          </Typography>
          <Typography component="dd" variant="h6" sx={{ m: 0 }}>
            {values[key].toLocaleString()}
          </Typography>
        </Box>
      ))}
  </Box>
);
