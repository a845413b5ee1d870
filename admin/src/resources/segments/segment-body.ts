import type { Segment } from '../../types';
import { cleanSegmentFilter } from './segment-filter';

/** What create and update send: the editable fields only, the filter cleaned. */
export const segmentBody = (values: Partial<Segment>) => ({
  name: values.name,
  description: values.description ?? null,
  filter: cleanSegmentFilter(values.filter),
});
