import { useQuery } from '@tanstack/react-query';
import type { Identifier } from 'react-admin';
import { campaignApi } from './campaign-api';

/** Who the campaign's segment reaches now; keyed under `campaigns`, so a refresh recounts. */
export const useCampaignAudience = (campaignId: Identifier, enabled = true) =>
  useQuery({
    queryKey: ['campaigns', 'audience', String(campaignId)],
    queryFn: ({ signal }) => campaignApi.audience(campaignId, signal),
    enabled,
    retry: false,
  });
