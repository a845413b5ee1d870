import { Card, CardContent, Typography } from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Loading, Title, useLogout, useNotify } from 'react-admin';
import type { SessionView } from '../../../../server/common/auth/session.view';
import { httpClient } from '../../providers/http-client';
import { SessionTable } from './session-table';

/** /sessions: where the signed-in staff member is signed in, and ending any of it. */
export const SessionsPage = () => {
  const notify = useNotify();
  const logout = useLogout();
  const queryClient = useQueryClient();
  const [pending, setPending] = useState(false);
  const { data, error } = useQuery({
    queryKey: ['sessions'],
    queryFn: async () => (await httpClient('/api/auth/sessions')).json as SessionView[],
  });

  const end = async (session: SessionView) => {
    setPending(true);
    try {
      await httpClient(`/api/auth/sessions/${session.id}`, { method: 'DELETE' });
      if (session.current) return void (await logout());
      notify(`Signed out ${session.device}`, { type: 'success' });
      await queryClient.invalidateQueries({ queryKey: ['sessions'] });
    } catch (failure) {
      notify(failure instanceof Error ? failure.message : 'Could not end the session', {
        type: 'error',
      });
    } finally {
      setPending(false);
    }
  };

  return (
    <Card sx={{ mt: 2, maxWidth: 960 }}>
      <Title title="Your sessions" />
      <CardContent>
        <Typography variant="body2" sx={{ mb: 2 }}>
          Browsers signed in to your account. Ending a session signs that browser out at its next
          click; sessions also end after a while without use.
        </Typography>
        {error ? (
          <Typography color="error">{error.message}</Typography>
        ) : data ? (
          <SessionTable sessions={data} onEnd={end} pending={pending} />
        ) : (
          <Loading />
        )}
      </CardContent>
    </Card>
  );
};
