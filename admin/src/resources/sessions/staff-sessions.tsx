import { Box, Divider, Typography } from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNotify, useRecordContext } from 'react-admin';
import type { SessionView } from '../../../../server/common/auth/session.view';
import { ConfirmActionButton } from '../../components/confirm-action';
import { httpClient } from '../../providers/http-client';
import type { StaffUser } from '../../types';
import { SessionTable } from './session-table';

/** On a staff member's page: where they are signed in, and signing them out everywhere. */
export const StaffSessions = () => {
  const user = useRecordContext<StaffUser>();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const [pending, setPending] = useState(false);
  const queryKey = ['staff-sessions', user?.id];
  const { data } = useQuery({
    queryKey,
    queryFn: async () =>
      (await httpClient(`/api/staff/${user!.id}/sessions`)).json as SessionView[],
    enabled: Boolean(user),
  });
  if (!user || !data) return null;

  const endAll = async () => {
    setPending(true);
    try {
      const { json } = await httpClient(`/api/staff/${user.id}/sessions`, { method: 'DELETE' });
      notify(`Ended ${(json as { ended: unknown[] }).ended.length} session(s) of ${user.email}`, {
        type: 'success',
      });
      await queryClient.invalidateQueries({ queryKey });
      return true;
    } catch (failure) {
      notify(failure instanceof Error ? failure.message : 'Could not end the sessions', {
        type: 'error',
      });
      return false;
    } finally {
      setPending(false);
    }
  };

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
        pending={pending}
        title={`Sign ${user.email} out everywhere?`}
        content="Every browser signed in to this account is signed out at its next click."
        confirm="Sign out everywhere"
        confirmColor="warning"
        onConfirm={endAll}
      />
    </Box>
  );
};
