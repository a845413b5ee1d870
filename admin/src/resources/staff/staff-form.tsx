import {
  BooleanInput,
  CheckboxGroupInput,
  email,
  minLength,
  PasswordInput,
  required,
  SimpleForm,
  type SimpleFormProps,
  TextInput,
} from 'react-admin';
import { adminRoleChoices } from './staff-roles';

interface StaffFormProps extends Omit<SimpleFormProps, 'children'> {
  /** Creating sets the email and first password; editing can only deactivate or reset it. */
  purpose: 'create' | 'edit';
}

export const StaffForm = ({ purpose, ...props }: StaffFormProps) => (
  <SimpleForm sx={{ maxWidth: 560 }} {...props}>
    <TextInput
      source="email"
      label="Email"
      type="email"
      validate={[required(), email()]}
      disabled={purpose === 'edit'}
    />
    <TextInput source="firstName" label="First name" validate={required()} />
    <TextInput source="lastName" label="Last name" validate={required()} />
    <PasswordInput
      source="password"
      label={purpose === 'create' ? 'Password' : 'New password'}
      helperText={purpose === 'edit' ? 'Leave empty to keep the current password' : undefined}
      validate={purpose === 'create' ? [required(), minLength(12)] : minLength(12)}
      autoComplete="new-password"
      // An emptied field means "keep the password": send nothing rather than "".
      parse={(value: string) => value || undefined}
    />
    <CheckboxGroupInput source="roles" label="Roles" choices={adminRoleChoices} />
    {purpose === 'edit' && <BooleanInput source="active" label="Active" />}
  </SimpleForm>
);
