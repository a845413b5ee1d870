import { Card, CardContent, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { Loading, Title, useDataProvider, useLogout } from 'react-admin';
import type { ClientHubDataProvider } from '../../providers/data-provider';
import { useApiAction } from '../../providers/use-api-action';
import { SessionTable } from './session-table';
import type { Session } from '../../types';

/** /sessions: where the signed-in staff member is signed in, and ending any of it. */
export const SessionsPage = () => {
  const logout = useLogout();
  const dataProvider = useDataProvider<ClientHubDataProvider>();
  const { run, isPending } = useApiAction();
  const { data, error } = useQuery({
    queryKey: ['sessions'],
    queryFn: () => dataProvider.getMySessions(),
  });

  const end = async (session: Session) => {
    const ended = await run((api) => api.endMySession(session.id), {
      done: `Signed out ${session.device}`,
      failed: 'Could not end the session',
    });
    if (ended && session.current) await logout();
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
          <SessionTable sessions={data} onEnd={end} pending={isPending} />
        ) : (
          <Loading />
        )}
      </CardContent>
    </Card>
  );
};
