import { Edit, TopToolbar } from 'react-admin';
import { ResetMfaButton } from './reset-mfa-button';
import { StaffForm } from './staff-form';

export const StaffEdit = () => (
  <Edit
    mutationMode="pessimistic"
    redirect="list"
    actions={
      <TopToolbar>
        <ResetMfaButton />
      </TopToolbar>
    }
  >
    <StaffForm purpose="edit" />
  </Edit>
);
