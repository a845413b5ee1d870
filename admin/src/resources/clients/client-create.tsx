import { Create } from 'react-admin';
import { ClientForm } from './client-form';

export const ClientCreate = () => (
  <Create redirect="show">
    <ClientForm defaultValues={{ type: 'standard', tagIds: [] }} />
  </Create>
);
