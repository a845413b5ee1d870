import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useDataProvider } from 'react-admin';
import type { CampaignPreviewBody } from '../../providers/campaign-calls';
import type { ClientHubDataProvider } from '../../providers/data-provider';

// Rendering is cheap, but not on every keystroke.
const DEBOUNCE_MS = 400;

/**
 * The message as its first recipient would get it, rendered by the API a moment after typing
 * stops; the last rendering stays on screen meanwhile (and while a typo is being fixed).
 */
export const useCampaignPreview = ({ subject, body, segmentId }: Partial<CampaignPreviewBody>) => {
  const dataProvider = useDataProvider<ClientHubDataProvider>();
  const key = JSON.stringify({
    subject: subject?.trim() ?? '',
    body: body?.trim() ?? '',
    segmentId: segmentId || null,
  });
  const [asked, setAsked] = useState(key);
  useEffect(() => {
    const timer = setTimeout(() => setAsked(key), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [key]);
  const request = JSON.parse(asked) as CampaignPreviewBody;
  const query = useQuery({
    queryKey: ['campaigns', 'preview', asked],
    queryFn: ({ signal }) => dataProvider.previewCampaign(request, signal),
    enabled: request.subject !== '' && request.body !== '',
    placeholderData: (previous) => previous,
    retry: false,
  });
  return { ...query, isEmpty: !request.subject || !request.body, isStale: asked !== key };
};
