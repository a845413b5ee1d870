import { Alert, Box, Button, LinearProgress, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { useDataProvider } from 'react-admin';
import type { ClientHubDataProvider } from '../../providers/data-provider';
import type { InvitationBatch } from '../../types';
import { useApiAction } from '../../providers/use-api-action';

type Progress = NonNullable<InvitationBatch['progress']>;

const stateLabel: Record<Progress['state'], string> = {
  running: 'Sending',
  done: 'Done',
  cancelled: 'Stopped',
};

/**
 * A bulk invite as its workflow carries it out: emails queued, workflows started, re-sent, and
 * a way to stop it (whoever has not been emailed yet is then not invited).
 */
export const BulkInviteProgress = ({ batchId }: { batchId: string }) => {
  const dataProvider = useDataProvider<ClientHubDataProvider>();
  const labelId = useId();
  const { run, isPending: isStopping } = useApiAction();
  const { data, error, refetch } = useQuery({
    queryKey: ['invitations', 'batch', batchId],
    queryFn: () => dataProvider.getInvitationBatch(batchId),
    refetchInterval: (query) => (query.state.data?.progress?.state === 'done' ? false : 2000),
  });
  const progress = data?.progress;

  if (error) return <Alert severity="error">{error.message}</Alert>;
  if (!progress) {
    return (
      <Typography variant="body2" color="text.secondary">
        Waiting for the bulk invite's progress…
      </Typography>
    );
  }
  const invited = progress.total - progress.resent;
  const steps = Math.max(1, 2 * invited + (progress.total - invited));
  const value =
    ((progress.emailsQueued + progress.workflowsStarted + progress.resent + progress.revoked) /
      steps) *
    100;
  const stop = async () => {
    await run((api) => api.cancelInvitationBatch(batchId), {
      done: 'Bulk invite stopped',
      failed: 'Could not stop the bulk invite',
    });
    await refetch();
  };

  return (
    <Box sx={{ mb: 2 }}>
      <Typography variant="subtitle2" component="h3" id={labelId}>
        {stateLabel[progress.state]}: {progress.emailsQueued} of {invited} emails queued,{' '}
        {progress.workflowsStarted} follow-ups started
        {progress.resent > 0 && `, ${progress.resent} re-sent`}
        {progress.revoked > 0 && `, ${progress.revoked} not invited (stopped)`}
      </Typography>
      <LinearProgress
        variant="determinate"
        value={progress.state === 'running' ? Math.min(100, value) : 100}
        aria-labelledby={labelId}
        sx={{ my: 1 }}
      />
      {progress.state === 'running' && (
        <Button size="small" color="warning" onClick={stop} disabled={isStopping}>
          Stop sending
        </Button>
      )}
    </Box>
  );
};
