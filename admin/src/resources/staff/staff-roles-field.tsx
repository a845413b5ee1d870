import { Chip, Stack } from '@mui/material';
import { type FieldProps, useRecordContext } from 'react-admin';
import type { StaffUser } from '../../types';
import { roleLabels } from './staff-roles';

/** Admin roles as chips; plain `staff` goes without saying. */
export const StaffRolesField = (props: Partial<FieldProps<StaffUser>>) => {
  const user = useRecordContext<StaffUser>(props);
  const roles = user?.roles.filter((role) => role !== 'staff') ?? [];
  return (
    <Stack direction="row" spacing={0.5}>
      {roles.map((role) => (
        <Chip key={role} size="small" variant="outlined" color="primary" label={roleLabels[role]} />
      ))}
    </Stack>
  );
};
