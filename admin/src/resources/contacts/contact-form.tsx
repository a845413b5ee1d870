import { Box } from '@mui/material';
import {
  AutocompleteArrayInput,
  email,
  ReferenceArrayInput,
  required,
  SimpleForm,
  type SimpleFormProps,
  TextInput,
} from 'react-admin';
import { DetailSection } from '../../components/detail-section';

/** A contact's editable fields; shared by create and edit. Portal status is the API's to set. */
export const ContactForm = (props: Omit<SimpleFormProps, 'children'>) => (
  <SimpleForm {...props}>
    <DetailSection title="Contact">
      <TextInput
        source="email"
        label="Email"
        type="email"
        validate={[required(), email()]}
        sx={{ gridColumn: '1 / -1' }}
      />
      <TextInput source="firstName" label="First name" />
      <TextInput source="lastName" label="Last name" />
      <TextInput source="phone" label="Phone" type="tel" />
    </DetailSection>
    <Box sx={{ width: '100%', maxWidth: 720 }}>
      <ReferenceArrayInput
        source="clientIds"
        reference="clients"
        sort={{ field: 'displayName', order: 'ASC' }}
      >
        <AutocompleteArrayInput label="Clients" optionText="displayName" />
      </ReferenceArrayInput>
    </Box>
  </SimpleForm>
);
