import { BooleanInput, SearchInput, SelectInput } from 'react-admin';
import { ClientFilterInput } from '../../components/client-filter-input';
import { requestStatusChoices } from './file-request-choices';

export const fileRequestFilters = [
  <SearchInput key="q" source="q" placeholder="Search subject" alwaysOn sx={{ width: 260 }} />,
  <SelectInput
    key="status"
    source="status"
    label="Status"
    choices={requestStatusChoices}
    alwaysOn
  />,
  <ClientFilterInput key="clientId" source="clientId" alwaysOn />,
  // Off means "all requests", not "only those on time": the filter is dropped, not sent as false.
  <BooleanInput
    key="overdue"
    source="overdue"
    label="Overdue only"
    parse={(checked: boolean) => (checked ? true : null)}
    format={(value?: boolean | null) => value === true}
    alwaysOn
  />,
];
