import { useQuery } from '@tanstack/react-query';
import { type Identifier, useDataProvider } from 'react-admin';
import type { ClientHubDataProvider } from '../../providers/data-provider';

/** Who the campaign's segment reaches now; keyed under `campaigns`, so a refresh recounts. */
export const useCampaignAudience = (campaignId: Identifier, enabled = true) => {
  const dataProvider = useDataProvider<ClientHubDataProvider>();
  return useQuery({
    queryKey: ['campaigns', 'audience', String(campaignId)],
    queryFn: ({ signal }) => dataProvider.getCampaignAudience(campaignId, signal),
    enabled,
    retry: false,
  });
};
