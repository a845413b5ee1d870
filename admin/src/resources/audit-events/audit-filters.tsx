import { DateTimeInput, SearchInput, SelectArrayInput, SelectInput } from 'react-admin';
import { auditActionChoices, auditActorTypeChoices } from './audit-choices';
import { ClientFilterInput } from '../../components/client-filter-input';

// The inputs hold a local "YYYY-MM-DDTHH:mm"; the API takes ISO instants, both ends inclusive.
const fromInstant = (value: string) => (value ? new Date(value).toISOString() : null);
// The input has no seconds: "to 10:00" means up to 10:00:59.999, not 10:00:00.
const toInstant = (value: string) =>
  value ? new Date(new Date(value).getTime() + 59_999).toISOString() : null;

export const auditFilters = [
  <SearchInput
    key="q"
    source="q"
    placeholder="Search email, summary"
    alwaysOn
    sx={{ width: 280 }}
  />,
  <SelectArrayInput
    key="action"
    source="action"
    label="Action"
    choices={auditActionChoices}
    sx={{ minWidth: 200 }}
  />,
  <SelectInput
    key="actorType"
    source="actorType"
    label="Actor type"
    choices={auditActorTypeChoices}
  />,
  <DateTimeInput key="from" source="from" label="From" parse={fromInstant} />,
  <DateTimeInput key="to" source="to" label="To" parse={toInstant} />,
  <ClientFilterInput key="clientId" source="clientId" />,
];
