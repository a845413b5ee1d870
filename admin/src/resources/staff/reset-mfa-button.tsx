import PhonelinkEraseOutlinedIcon from '@mui/icons-material/PhonelinkEraseOutlined';
import { useRecordContext } from 'react-admin';
import { ConfirmActionButton } from '../../components/confirm-action';
import { useApiAction } from '../../providers/use-api-action';
import type { StaffUser } from '../../types';

/** A Staff Admin takes away a member's authenticator (a lost phone): they set up a new one. */
export const ResetMfaButton = () => {
  const staff = useRecordContext<StaffUser>();
  const { run, isPending } = useApiAction();
  if (!staff) return null;
  return (
    <ConfirmActionButton
      variant="outlined"
      color="warning"
      startIcon={<PhonelinkEraseOutlinedIcon />}
      label="Reset two-step sign-in"
      pending={isPending}
      title={`Reset the two-step sign-in of ${staff.email}?`}
      content="Their authenticator app and recovery codes stop working and they are signed out everywhere. They set up a new app at their next sign-in."
      confirm="Reset"
      confirmColor="warning"
      ConfirmIcon={PhonelinkEraseOutlinedIcon}
      onConfirm={() =>
        run((provider) => provider.resetStaffMfa(staff.id), {
          done: `Two-step sign-in of ${staff.email} reset; they were signed out`,
          failed: 'Could not reset the two-step sign-in',
        })
      }
    />
  );
};
