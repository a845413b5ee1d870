import { Stack, Typography } from '@mui/material';
import type { FileRequestView } from '../../types';
import { WorkflowLink } from '../imports/import-header';

type Workflow = NonNullable<FileRequestView['workflow']>;

const Line = ({ children }: { children: string }) => (
  <Typography variant="body2" color="text.secondary">
    {children}
  </Typography>
);

/** The request's workflow as Temporal sees it now, with a link to it in the Web UI. */
export const WorkflowStatus = ({ workflow }: { workflow: Workflow }) => {
  const { status } = workflow;
  return (
    <Stack spacing={0.25} sx={{ alignItems: { sm: 'flex-end' } }}>
      <WorkflowLink href={workflow.url} label="Open in Temporal Web UI" />
      {status ? (
        <>
          <Line>{`Workflow: ${status.state}`}</Line>
          <Line>{`Reminders sent: ${status.remindersSent}`}</Line>
          <Line>
            {`Next reminder: ${
              status.nextReminderAt ? new Date(status.nextReminderAt).toLocaleString() : 'none'
            }`}
          </Line>
        </>
      ) : (
        <Line>Live status unavailable: Temporal did not answer</Line>
      )}
    </Stack>
  );
};
