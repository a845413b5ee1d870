import { Edit } from 'react-admin';
import { StaffForm } from './staff-form';

export const StaffEdit = () => (
  <Edit mutationMode="pessimistic" redirect="list">
    <StaffForm purpose="edit" />
  </Edit>
);
