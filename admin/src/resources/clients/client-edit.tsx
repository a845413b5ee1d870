import { Edit } from 'react-admin';
import { ClientForm } from './client-form';

// Pessimistic: conflicts (e.g. a taken tax client ID) are reported before we leave the page.
export const ClientEdit = () => (
  <Edit mutationMode="pessimistic" redirect="show">
    <ClientForm />
  </Edit>
);
