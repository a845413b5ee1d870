import { Labeled } from 'react-admin';
import { FirmDateField } from '../../shared/firm-time';
import { ClientSection } from './client-section';

/** When the record was created and last changed, on a show page. */
export const RecordDatesSection = () => (
  <ClientSection title="Record">
    <Labeled label="Created">
      <FirmDateField source="createdAt" />
    </Labeled>
    <Labeled label="Updated">
      <FirmDateField source="updatedAt" />
    </Labeled>
  </ClientSection>
);
