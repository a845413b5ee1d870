import { Box } from '@mui/material';
import {
  email,
  RadioButtonGroupInput,
  required,
  SimpleForm,
  type SimpleFormProps,
  TextInput,
} from 'react-admin';
import type { Client } from '../../types';
import { TagReferenceInput } from '../tags/tag-reference-input';
import { clientTypeChoices } from './client-choices';
import { DetailSection } from '../../components/detail-section';

// The API's rule, checked here too so the form says it before the round trip.
const validateClient = (values: Partial<Client>) =>
  (values.firstName && values.lastName) || values.companyName
    ? {}
    : { firstName: 'First and last name are required (or a company name for a business)' };

/** Every editable client field; shared by create and edit. Statuses are the API's to set. */
export const ClientForm = (props: Omit<SimpleFormProps, 'children'>) => (
  <SimpleForm validate={validateClient} {...props}>
    <DetailSection title="Client">
      <RadioButtonGroupInput
        source="type"
        label="Type"
        choices={clientTypeChoices}
        validate={required()}
      />
      <TextInput source="taxClientId" label="Tax client ID" />
      <TextInput source="firstName" label="First name" />
      <TextInput source="lastName" label="Last name" />
      <TextInput source="companyName" label="Company name" sx={{ gridColumn: '1 / -1' }} />
    </DetailSection>
    <DetailSection title="Contact">
      <TextInput source="email" label="Email" type="email" validate={email()} />
      <TextInput source="phone" label="Phone" type="tel" />
    </DetailSection>
    <DetailSection title="Address">
      <TextInput source="street" label="Street" sx={{ gridColumn: '1 / -1' }} />
      <TextInput source="city" label="City" />
      <TextInput source="state" label="State" />
      <TextInput source="postalCode" label="Postal code" />
    </DetailSection>
    <Box sx={{ width: '100%', maxWidth: 720 }}>
      <TagReferenceInput source="tagIds" allowCreate />
    </Box>
  </SimpleForm>
);
