import { BooleanField, Datagrid, FunctionField, List, SearchInput, TextField } from 'react-admin';
import { FirmDateField } from '../../shared/firm-time';
import type { StaffUser } from '../../types';
import { StaffRolesField } from './staff-roles-field';

const staffFilters = [<SearchInput key="q" source="q" alwaysOn />];

export const StaffList = () => (
  <List
    exporter={false}
    sort={{ field: 'lastName', order: 'ASC' }}
    perPage={25}
    filters={staffFilters}
  >
    <Datagrid rowClick="edit" bulkActionButtons={false}>
      <FunctionField<StaffUser>
        source="lastName"
        label="Name"
        render={(user) => `${user.firstName} ${user.lastName}`}
      />
      <TextField source="email" label="Email" />
      <StaffRolesField label="Roles" sortable={false} />
      <BooleanField source="active" label="Active" sortable={false} />
      <FirmDateField source="lastLoginAt" label="Last sign-in" emptyText="Never" />
      <FirmDateField source="createdAt" label="Added" />
    </Datagrid>
  </List>
);
