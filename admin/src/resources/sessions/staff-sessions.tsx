import { Box, Divider, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useDataProvider, useRecordContext } from 'react-admin';
import { ConfirmActionButton } from '../../components/confirm-action';
import type { ClientHubDataProvider } from '../../providers/data-provider';
import { useApiAction } from '../../providers/use-api-action';
import type { StaffUser } from '../../types';
import { SessionTable } from './session-table';

/** On a staff member's page: where they are signed in, and signing them out everywhere. */
export const StaffSessions = () => {
  const user = useRecordContext<StaffUser>();
  const dataProvider = useDataProvider<ClientHubDataProvider>();
  const { run, isPending } = useApiAction();
  const { data } = useQuery({
    queryKey: ['staff-sessions', user?.id],
    queryFn: () => dataProvider.getStaffSessions(user!.id),
    enabled: Boolean(user),
  });
  if (!user || !data) return null;

  return (
    <Box sx={{ px: 2, pb: 2, maxWidth: 960 }}>
      <Divider sx={{ mb: 2 }} />
      <Typography variant="h6" component="h2">
        Sessions
      </Typography>
      {data.length ? (
        <SessionTable sessions={data} />
      ) : (
        <Typography variant="body2">Not signed in anywhere.</Typography>
      )}
      <ConfirmActionButton
        label="Sign out everywhere"
        color="error"
        sx={{ mt: 1 }}
        disabled={!data.length}
        pending={isPending}
        title={`Sign ${user.email} out everywhere?`}
        content="Every browser signed in to this account is signed out at its next click."
        confirm="Sign out everywhere"
        confirmColor="warning"
        onConfirm={() =>
          run((api) => api.endStaffSessions(user.id), {
            done: `Signed ${user.email} out everywhere`,
            failed: 'Could not end the sessions',
          })
        }
      />
    </Box>
  );
};
