import { Stack, Typography } from '@mui/material';
import type { FileRequestView } from '../../types';
import { WorkflowLink } from '../../components/workflow-link';
import { useFirmTime } from '../../shared/firm-time';

type Workflow = NonNullable<FileRequestView['workflow']>;

const Line = ({ children }: { children: string }) => (
  <Typography variant="body2" color="text.secondary">
    {children}
  </Typography>
);

/** The request's workflow as Temporal sees it now, with a link to it in the Web UI. */
export const WorkflowStatus = ({ workflow }: { workflow: Workflow }) => {
  const firmTime = useFirmTime();
  const { status } = workflow;
  return (
    <Stack spacing={0.25} sx={{ alignItems: { sm: 'flex-end' } }}>
      <WorkflowLink href={workflow.url} label="Open in Temporal Web UI" />
      {status ? (
        <>
          <Line>{`Workflow: ${status.state}`}</Line>
          {/* The count of reminders is the request's own (one source), shown beside. */}
          <Line>{`Next reminder: ${firmTime(status.nextReminderAt, 'none')}`}</Line>
        </>
      ) : (
        <Line>Live status unavailable: Temporal did not answer</Line>
      )}
    </Stack>
  );
};
