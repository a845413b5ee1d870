import { Edit, TopToolbar } from 'react-admin';
import { StaffSessions } from '../sessions/staff-sessions';
import { ResetMfaButton } from '../../components/reset-mfa-button';
import { StaffForm } from './staff-form';

export const StaffEdit = () => (
  <Edit
    mutationMode="pessimistic"
    redirect="list"
    actions={
      <TopToolbar>
        <ResetMfaButton resource="staff" />
      </TopToolbar>
    }
  >
    <StaffForm purpose="edit" />
    <StaffSessions />
  </Edit>
);
