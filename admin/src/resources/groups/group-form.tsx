import { maxLength, required, SimpleForm, type SimpleFormProps, TextInput } from 'react-admin';
import type { GroupKind } from './group-kinds';
import { GroupMembersInput } from './group-members-input';

interface GroupFormProps extends Omit<SimpleFormProps, 'children'> {
  kind: GroupKind;
}

/** Shared by create and edit, for both kinds of group. Limits are the API's. */
export const GroupForm = ({ kind, ...props }: GroupFormProps) => (
  <SimpleForm sx={{ maxWidth: 720 }} {...props}>
    <TextInput source="name" label="Name" validate={[required(), maxLength(100)]} />
    <TextInput
      source="description"
      label="Description"
      multiline
      minRows={2}
      validate={maxLength(500)}
    />
    <GroupMembersInput kind={kind} />
  </SimpleForm>
);
