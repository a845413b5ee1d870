import { SearchInput, SelectInput } from 'react-admin';
import { portalStatusChoices } from '../clients/client-choices';
import { TagFilterInput } from '../../components/tag-filter-input';
import { ClientFilterInput } from '../../components/client-filter-input';

export const contactFilters = [
  <SearchInput key="q" source="q" placeholder="Search name, email" alwaysOn sx={{ width: 280 }} />,
  // Contacts of clients carrying any of these tags.
  <TagFilterInput key="tagIds" source="tagIds" matchMode={false} alwaysOn />,
  <SelectInput
    key="portalStatus"
    source="portalStatus"
    label="Portal status"
    choices={portalStatusChoices}
  />,
  <ClientFilterInput key="clientId" source="clientId" />,
];
