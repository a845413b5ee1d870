import { DeleteButton, Edit, SaveButton, Toolbar } from 'react-admin';
import { GroupForm } from './group-form';
import type { GroupKind } from './group-kinds';

/** Deleting a group takes back what was shared through it, so the confirmation says so. */
const GroupEditToolbar = () => (
  <Toolbar sx={{ justifyContent: 'space-between' }}>
    <SaveButton />
    <DeleteButton
      mutationMode="pessimistic"
      confirmContent="Its members lose the access to clients they had through this group. The members themselves are not deleted."
    />
  </Toolbar>
);

// Pessimistic: a duplicate name is reported by the API before we leave the page.
export const GroupEdit = ({ kind }: { kind: GroupKind }) => (
  <Edit mutationMode="pessimistic" redirect="list">
    <GroupForm kind={kind} toolbar={<GroupEditToolbar />} />
  </Edit>
);
