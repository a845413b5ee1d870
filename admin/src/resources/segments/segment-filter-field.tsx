import {
  type FieldProps,
  type Identifier,
  useGetManyAggregate,
  useRecordContext,
} from 'react-admin';
import type { Segment, SegmentFilter, Tag } from '../../types';
import { describeSegmentFilter, filterTagIds } from './segment-filter';

/** A filter in words, with its tags' names. */
export const SegmentFilterText = ({ filter }: { filter: SegmentFilter }) => {
  const ids = filterTagIds(filter);
  const { data: tags } = useGetManyAggregate<Tag>('tags', { ids }, { enabled: ids.length > 0 });
  const tagName = (id: Identifier) =>
    tags?.find((tag) => String(tag.id) === String(id))?.name ?? '…';
  return <>{describeSegmentFilter(filter, tagName)}</>;
};

/** The segment's rule, for the list. */
export const SegmentFilterField = (props: Partial<FieldProps<Segment>>) => {
  const segment = useRecordContext<Segment>(props);
  return segment ? <SegmentFilterText filter={segment.filter} /> : null;
};
