import { httpClient } from '../../providers/http-client';
import type { SegmentFilter, SegmentPreview } from '../../types';

export const segmentApi = {
  /** Who an unsaved filter reaches now; nothing is saved. */
  preview: async (filter: SegmentFilter, signal?: AbortSignal) => {
    const { json } = await httpClient('/api/segments/preview', {
      method: 'POST',
      body: JSON.stringify({ filter }),
      signal,
    });
    return json as SegmentPreview;
  },
};
