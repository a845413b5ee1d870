import { Create, useNotify, useRedirect } from 'react-admin';
import type { StaffUser } from '../../types';
import { StaffForm } from './staff-form';

export const StaffCreate = () => {
  const notify = useNotify();
  const redirect = useRedirect();
  return (
    <Create
      mutationOptions={{
        onSuccess: (user: StaffUser) => {
          notify(`Invitation emailed to ${user.email}: they choose their own password`, {
            type: 'success',
          });
          redirect('list', 'staff');
        },
      }}
    >
      <StaffForm purpose="create" defaultValues={{ roles: [] }} />
    </Create>
  );
};
