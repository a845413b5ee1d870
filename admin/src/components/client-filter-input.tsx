import { AutocompleteInput, ReferenceInput } from 'react-admin';

/** Filters a list by one client, picked by name (sends `clientId`). */
export const ClientFilterInput = (_props: { source: 'clientId'; alwaysOn?: boolean }) => (
  <ReferenceInput
    source="clientId"
    reference="clients"
    label="Client"
    sort={{ field: 'displayName', order: 'ASC' }}
  >
    <AutocompleteInput label="Client" optionText="displayName" sx={{ minWidth: 260 }} />
  </ReferenceInput>
);
