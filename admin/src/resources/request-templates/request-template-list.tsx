import { Datagrid, List, SearchInput, TextField, useCanAccess } from 'react-admin';
import { DueInDaysField, ItemCountField } from './request-template-fields';

const templateFilters = [<SearchInput key="q" source="q" alwaysOn />];

/** Admins open a template to edit it, everyone else to read it. */
export const RequestTemplateList = () => {
  const { canAccess: canEdit } = useCanAccess({ resource: 'request-templates', action: 'edit' });
  return (
    <List
      exporter={false}
      sort={{ field: 'name', order: 'ASC' }}
      perPage={25}
      filters={templateFilters}
    >
      {/* The API sorts templates by name and dates only. */}
      <Datagrid rowClick={canEdit ? 'edit' : 'show'} bulkActionButtons={false}>
        <TextField source="name" label="Name" />
        <TextField source="subject" label="Subject" sortable={false} />
        <ItemCountField label="Items" sortable={false} />
        <DueInDaysField label="Due in" sortable={false} />
      </Datagrid>
    </List>
  );
};
