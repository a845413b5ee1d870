import CancelOutlinedIcon from '@mui/icons-material/CancelOutlined';
import { Box, Chip, Stack, Typography } from '@mui/material';
import { type FieldProps, Link, useCreatePath, useRecordContext } from 'react-admin';
import { ConfirmActionButton } from '../../components/confirm-action';
import type { PlaybookRunView } from '../../types';
import { WorkflowLink } from '../../components/workflow-link';
import { runStatuses } from './playbook-choices';
import { RunHistoryButton } from './playbook-run-log';
import { CurrentStepText } from './playbook-summaries';
import { usePlaybookAction } from './use-playbook-action';
import { useRunDetail } from './use-run-detail';

type RunFieldProps = Partial<FieldProps<PlaybookRunView>>;

/** The status as a chip, with why a run stopped under it. */
export const RunStatusField = (props: RunFieldProps) => {
  const run = useRecordContext<PlaybookRunView>(props);
  if (!run) return null;
  const status = runStatuses[run.status];
  const why = run.error ?? run.cancelReason;
  return (
    <Stack spacing={0.5} sx={{ alignItems: 'flex-start' }}>
      <Chip size="small" color={status?.color ?? 'default'} label={status?.name ?? run.status} />
      {why && (
        <Typography variant="caption" color="text.secondary" sx={{ maxWidth: 240 }}>
          {why}
        </Typography>
      )}
    </Stack>
  );
};

/** "2 of 4: Wait 7 days". */
export const RunCurrentStepField = (props: RunFieldProps) => {
  const run = useRecordContext<PlaybookRunView>(props);
  const detail = useRunDetail(run);
  if (!run) return null;
  return <CurrentStepText run={run} steps={detail?.steps} />;
};

export const RunClientField = (props: RunFieldProps) => {
  const run = useRecordContext<PlaybookRunView>(props);
  const createPath = useCreatePath();
  if (!run) return null;
  return (
    <Link to={createPath({ resource: 'clients', id: run.clientId, type: 'show' })}>
      {run.clientName}
    </Link>
  );
};

/** The playbook, or its name alone once it was deleted (its runs stay). */
export const RunPlaybookField = (props: RunFieldProps) => {
  const run = useRecordContext<PlaybookRunView>(props);
  const createPath = useCreatePath();
  if (!run) return null;
  const name = run.year ? `${run.playbookName} (${run.year})` : run.playbookName;
  if (!run.playbookId) return <>{`${name} (deleted)`}</>;
  return (
    <Link to={createPath({ resource: 'playbooks', id: run.playbookId, type: 'show' })}>{name}</Link>
  );
};

/** The run's workflow in the Temporal Web UI, its step history, and a Cancel button while it runs. */
export const RunActionsField = (props: RunFieldProps) => {
  const run = useRecordContext<PlaybookRunView>(props);
  const detail = useRunDetail(run);
  const { cancelRun, isPending } = usePlaybookAction();
  if (!run) return null;
  return (
    <Stack spacing={0.5} sx={{ alignItems: 'flex-start' }}>
      {detail?.workflow && (
        <WorkflowLink href={detail.workflow.url} label="Open in Temporal Web UI" />
      )}
      <RunHistoryButton run={run} />
      {run.status === 'running' && (
        <Box>
          <ConfirmActionButton
            size="small"
            color="error"
            startIcon={<CancelOutlinedIcon />}
            aria-label={`Cancel run for ${run.clientName}`}
            sx={{ whiteSpace: 'nowrap' }}
            label="Cancel run"
            pending={isPending}
            title={`Cancel the run for ${run.clientName}?`}
            content="It stops now, also in the middle of a wait. Steps already done are not undone."
            confirm="Cancel run"
            cancel="Keep running"
            confirmColor="warning"
            ConfirmIcon={CancelOutlinedIcon}
            onConfirm={() => cancelRun(run)}
          />
        </Box>
      )}
    </Stack>
  );
};
