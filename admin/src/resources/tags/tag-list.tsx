import { Datagrid, EditButton, List, SearchInput, TextField, WrapperField } from 'react-admin';
import { DeleteTagButton } from './delete-tag-button';
import { TagClientCountField, TagSwatchField } from './tag-fields';

const tagFilters = [<SearchInput key="q" source="q" alwaysOn />];

export const TagList = () => (
  <List exporter={false} sort={{ field: 'name', order: 'ASC' }} perPage={25} filters={tagFilters}>
    <Datagrid rowClick="edit" bulkActionButtons={false}>
      <TagSwatchField label="Color" sortable={false} />
      <TextField source="name" label="Name" />
      <TagClientCountField source="clientCount" label="Clients" />
      <WrapperField label={false} textAlign="right">
        <EditButton />
        <DeleteTagButton />
      </WrapperField>
    </Datagrid>
  </List>
);
