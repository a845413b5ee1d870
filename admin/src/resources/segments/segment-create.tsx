import { Create } from 'react-admin';
import { segmentBody } from './segment-body';
import { SegmentForm } from './segment-form';

export const SegmentCreate = () => (
  <Create redirect="list" transform={segmentBody}>
    <SegmentForm defaultValues={{ filter: { tagMode: 'any' } }} />
  </Create>
);
