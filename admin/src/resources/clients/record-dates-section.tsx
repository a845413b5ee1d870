import { DateField, Labeled } from 'react-admin';
import { ClientSection } from './client-section';

/** When the record was created and last changed, on a show page. */
export const RecordDatesSection = () => (
  <ClientSection title="Record">
    <Labeled label="Created">
      <DateField source="createdAt" showTime />
    </Labeled>
    <Labeled label="Updated">
      <DateField source="updatedAt" showTime />
    </Labeled>
  </ClientSection>
);
