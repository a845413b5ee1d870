import {
  Datagrid,
  List,
  NumberField,
  SearchInput,
  TextField,
  useCanAccess,
  useResourceContext,
} from 'react-admin';

const groupFilters = [<SearchInput key="q" source="q" alwaysOn />];

/** Either kind of group; Entities Admins open a group to edit it, everyone else to read it. */
export const GroupList = () => {
  const resource = useResourceContext();
  const { canAccess: canEdit } = useCanAccess({ resource, action: 'edit' });
  return (
    <List
      exporter={false}
      sort={{ field: 'name', order: 'ASC' }}
      perPage={25}
      filters={groupFilters}
    >
      <Datagrid rowClick={canEdit ? 'edit' : 'show'} bulkActionButtons={false}>
        <TextField source="name" label="Name" />
        <TextField source="description" label="Description" sortable={false} />
        <NumberField source="memberCount" label="Members" sortable={false} />
      </Datagrid>
    </List>
  );
};
