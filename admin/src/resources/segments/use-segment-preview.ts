import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useDataProvider } from 'react-admin';
import type { ClientHubDataProvider } from '../../providers/data-provider';
import { cleanSegmentFilter } from './segment-filter';

// Long enough to let someone finish typing or picking, short enough to feel live.
const DEBOUNCE_MS = 300;

/**
 * The live count of a filter being edited: asked again a moment after it stops changing, the
 * last answer kept on screen meanwhile. Keyed under `segments`, so a refresh recounts too.
 */
export const useSegmentPreview = (filter: object | undefined) => {
  const dataProvider = useDataProvider<ClientHubDataProvider>();
  const key = JSON.stringify(cleanSegmentFilter(filter));
  const [asked, setAsked] = useState(key);
  useEffect(() => {
    const timer = setTimeout(() => setAsked(key), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [key]);
  const query = useQuery({
    queryKey: ['segments', 'preview', asked],
    queryFn: ({ signal }) => dataProvider.previewSegment(JSON.parse(asked), signal),
    placeholderData: (previous) => previous,
  });
  return { ...query, isStale: asked !== key || query.isFetching };
};
