import { Labeled } from 'react-admin';
import { FirmDateField } from '../shared/firm-time';
import { DetailSection } from './detail-section';

/** When the record was created and last changed, on a show page. */
export const RecordDatesSection = () => (
  <DetailSection title="Record">
    <Labeled label="Created">
      <FirmDateField source="createdAt" />
    </Labeled>
    <Labeled label="Updated">
      <FirmDateField source="updatedAt" />
    </Labeled>
  </DetailSection>
);
