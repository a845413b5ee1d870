import PhonelinkEraseOutlinedIcon from '@mui/icons-material/PhonelinkEraseOutlined';
import { useRecordContext } from 'react-admin';
import { ConfirmActionButton } from './confirm-action';
import { useApiAction } from '../providers/use-api-action';

/**
 * A Staff Admin takes away the authenticator of the staff member or contact on the page (a lost
 * phone and recovery codes): they are signed out and set up a new app at their next sign-in.
 */
export const ResetMfaButton = ({ resource }: { resource: 'staff' | 'contacts' }) => {
  const account = useRecordContext<{ id: string; email: string }>();
  const { run, isPending } = useApiAction();
  if (!account) return null;
  return (
    <ConfirmActionButton
      variant="outlined"
      color="warning"
      startIcon={<PhonelinkEraseOutlinedIcon />}
      label="Reset two-step sign-in"
      pending={isPending}
      title={`Reset the two-step sign-in of ${account.email}?`}
      content="Their authenticator app and recovery codes stop working and they are signed out everywhere. They set up a new app at their next sign-in."
      confirm="Reset"
      confirmColor="warning"
      ConfirmIcon={PhonelinkEraseOutlinedIcon}
      onConfirm={() =>
        run((provider) => provider.resetMfa(resource, account.id), {
          done: `Two-step sign-in of ${account.email} reset; they were signed out`,
          failed: 'Could not reset the two-step sign-in',
        })
      }
    />
  );
};
