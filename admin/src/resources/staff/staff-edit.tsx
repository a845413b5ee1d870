import { Edit } from 'react-admin';
import { StaffSessions } from '../sessions/staff-sessions';
import { StaffForm } from './staff-form';

export const StaffEdit = () => (
  <Edit mutationMode="pessimistic" redirect="list">
    <StaffForm purpose="edit" />
    <StaffSessions />
  </Edit>
);
