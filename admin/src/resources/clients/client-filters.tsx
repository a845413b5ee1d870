import { BooleanInput, SearchInput, SelectInput } from 'react-admin';
import { TagReferenceInput } from '../tags/tag-reference-input';
import { clientTypeChoices, connectionStatusChoices, portalStatusChoices } from './client-choices';
import { TagFilterInput } from '../../components/tag-filter-input';

export const clientFilters = [
  <SearchInput
    key="q"
    source="q"
    placeholder="Search name, email, tax ID"
    alwaysOn
    sx={{ width: 280 }}
  />,
  <TagFilterInput key="tagIds" source="tagIds" alwaysOn />,
  // Tags none: clients carrying none of these.
  <TagReferenceInput
    key="excludeTagIds"
    source="excludeTagIds"
    label="Without tags"
    helperText={false}
  />,
  <SelectInput key="type" source="type" label="Type" choices={clientTypeChoices} />,
  <SelectInput
    key="portalStatus"
    source="portalStatus"
    label="Portal status"
    choices={portalStatusChoices}
  />,
  <SelectInput
    key="connectionStatus"
    source="connectionStatus"
    label="Connection"
    choices={connectionStatusChoices}
  />,
  <BooleanInput key="hasEmail" source="hasEmail" label="Has email" />,
  <BooleanInput key="reminderDueToday" source="reminderDueToday" label="Reminder due today" />,
];
