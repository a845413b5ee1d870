import { Alert, Typography } from '@mui/material';
import { Show, useRecordContext } from 'react-admin';
import { ShowCard, ShowSection } from '../../components/show-layout';
import type { CampaignView } from '../../types';
import { CampaignActions } from './campaign-actions';
import { CampaignAudienceSummary } from './campaign-audience';
import { CampaignHeader } from './campaign-header';
import { CampaignPreviewPane } from './campaign-preview-pane';
import { CampaignRecipients } from './campaign-recipients';
import { CampaignStatsGrid } from './campaign-stats';
import { CampaignWorkflow } from './campaign-workflow';
import { useFirmSettings } from './use-email-delivery';

const CampaignDetails = () => {
  const campaign = useRecordContext<CampaignView>();
  const { keptLocally } = useFirmSettings();
  if (!campaign) return null;
  // Recipients are resolved when the campaign goes out; until then, the audience counts them.
  const waiting = campaign.status === 'draft' || campaign.status === 'scheduled';
  // A campaign cancelled while scheduled never reached anyone.
  const neverSent = campaign.status === 'cancelled' && campaign.startedAt === null;
  const resolved = !waiting && !neverSent;
  return (
    <ShowCard maxWidth={1200}>
      <CampaignHeader
        campaign={campaign}
        aside={
          campaign.workflow && <CampaignWorkflow campaign={campaign} workflow={campaign.workflow} />
        }
        actions={<CampaignActions campaign={campaign} />}
      />
      {keptLocally && resolved && (
        <Alert severity="info">
          Email is not configured (no RESEND_API_KEY): this campaign&apos;s emails are kept in the
          Outbox and nothing leaves this machine, so recipients show &quot;Kept locally&quot; rather
          than &quot;Sent&quot;.
        </Alert>
      )}
      {waiting && (
        <ShowSection title="Audience">
          <CampaignAudienceSummary campaign={campaign} />
        </ShowSection>
      )}
      {neverSent && (
        <Typography variant="body2" color="text.secondary">
          Cancelled before it went out: nothing was sent.
        </Typography>
      )}
      {resolved && (
        <ShowSection title="Delivery">
          <CampaignStatsGrid values={campaign.stats} keptLocally={keptLocally} />
        </ShowSection>
      )}
      {resolved && <CampaignRecipients campaign={campaign} />}
      <CampaignPreviewPane
        title="Message"
        subject={campaign.subject}
        body={campaign.body}
        segmentId={campaign.segmentId}
      />
    </ShowCard>
  );
};

// Poll while it sends, so counts and statuses move on their own; slower while it waits.
const refetchInterval = (query: { state: { data?: CampaignView } }) => {
  const status = query.state.data?.status;
  if (status === 'sending') return 5000;
  if (status === 'scheduled') return 30_000;
  return false;
};

export const CampaignShow = () => (
  <Show<CampaignView> component="div" actions={false} queryOptions={{ refetchInterval }}>
    <CampaignDetails />
  </Show>
);
