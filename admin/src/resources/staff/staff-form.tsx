import {
  BooleanInput,
  CheckboxGroupInput,
  email,
  required,
  SimpleForm,
  type SimpleFormProps,
  TextInput,
} from 'react-admin';
import { adminRoleChoices } from './staff-roles';

interface StaffFormProps extends Omit<SimpleFormProps, 'children'> {
  /**
   * Creating sets the email (the API emails an invitation: staff choose their own password);
   * editing can deactivate. Nobody types another's password: staff reset theirs by email.
   */
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
      helperText={
        purpose === 'create'
          ? 'We email them an invitation to choose their own password'
          : 'Forgotten password? They use “Forgot your password?” on the sign-in page'
      }
    />
    <TextInput source="firstName" label="First name" validate={required()} />
    <TextInput source="lastName" label="Last name" validate={required()} />
    <CheckboxGroupInput source="roles" label="Roles" choices={adminRoleChoices} />
    {purpose === 'edit' && <BooleanInput source="active" label="Active" />}
  </SimpleForm>
);
