import { Alert } from '@mui/material';
import { Edit, useRecordContext } from 'react-admin';
import type { Client } from '../../types';
import { ClientForm } from './client-form';

/** The role is per client, known once the record is loaded: viewers get a notice, not a form. */
const OwnerForm = () => {
  const client = useRecordContext<Client>();
  if (!client) return null;
  if (client.myRole !== 'owner') {
    return (
      <Alert severity="info">
        You can see this client but not change it: that needs the owner role.
      </Alert>
    );
  }
  return <ClientForm />;
};

// Pessimistic: conflicts (e.g. a taken tax client ID) are reported before we leave the page.
// The page-level check knows no record, so it is off; the form and the API check the role.
export const ClientEdit = () => (
  <Edit mutationMode="pessimistic" redirect="show" disableAuthentication>
    <OwnerForm />
  </Edit>
);
