import { Create } from 'react-admin';
import { StaffForm } from './staff-form';

export const StaffCreate = () => (
  <Create redirect="list">
    <StaffForm purpose="create" defaultValues={{ roles: [] }} />
  </Create>
);
