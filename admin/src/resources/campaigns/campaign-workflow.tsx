import { Stack, Typography } from '@mui/material';
import type { CampaignView } from '../../types';
import { WorkflowLink } from '../../components/workflow-link';
import { isCampaignRunning } from './campaign-choices';

type Workflow = NonNullable<CampaignView['workflow']>;

const Line = ({ children }: { children: string }) => (
  <Typography variant="body2" color="text.secondary">
    {children}
  </Typography>
);

/** The campaign's workflow, with its live status while it waits or sends. */
export const CampaignWorkflow = ({
  campaign,
  workflow,
}: {
  campaign: CampaignView;
  workflow: Workflow;
}) => {
  const { status } = workflow;
  return (
    <Stack spacing={0.25} sx={{ alignItems: { sm: 'flex-end' }, flexShrink: 0 }}>
      <WorkflowLink href={workflow.url} label="Open in Temporal Web UI" />
      {isCampaignRunning(campaign.status) &&
        (status ? (
          <Line>
            {`Workflow: ${status.state}${
              status.total
                ? ` · ${status.queued.toLocaleString()} of ${status.total.toLocaleString()} still queued`
                : ''
            }`}
          </Line>
        ) : (
          <Line>Live status unavailable: Temporal did not answer</Line>
        ))}
    </Stack>
  );
};
