import { postJson } from '../../providers/http-client';
import type { SegmentFilter, SegmentPreview } from '../../types';

export const segmentApi = {
  /** Who an unsaved filter reaches now; nothing is saved. */
  preview: (filter: SegmentFilter, signal?: AbortSignal) =>
    postJson<SegmentPreview>('/api/segments/preview', { filter }, signal),
};
