import {
  ReferenceArrayField,
  Show,
  SimpleShowLayout,
  SingleFieldList,
  TextField,
} from 'react-admin';
import type { GroupKind } from './group-kinds';

/** What everyone but Entities Admins sees of a group: who is in it. */
export const GroupShow = ({ kind }: { kind: GroupKind }) => (
  <Show>
    <SimpleShowLayout>
      <TextField source="name" label="Name" />
      <TextField source="description" label="Description" emptyText="—" />
      <ReferenceArrayField source="memberIds" reference={kind.memberResource} label="Members">
        {/* Staff and contact pages may be closed to the reader: names, no links. */}
        <SingleFieldList linkType={false} empty={<>—</>} />
      </ReferenceArrayField>
    </SimpleShowLayout>
  </Show>
);
