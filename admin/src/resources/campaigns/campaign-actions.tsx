import CancelOutlinedIcon from '@mui/icons-material/CancelOutlined';
import ScheduleSendOutlinedIcon from '@mui/icons-material/ScheduleSendOutlined';
import SendOutlinedIcon from '@mui/icons-material/SendOutlined';
import ForwardToInboxOutlinedIcon from '@mui/icons-material/ForwardToInboxOutlined';
import { Button, Stack } from '@mui/material';
import { useState } from 'react';
import { DeleteButton, EditButton } from 'react-admin';
import { ConfirmActionButton } from '../../components/confirm-action';
import type { CampaignView } from '../../types';
import { audienceText } from './campaign-audience';
import { isCampaignRunning } from './campaign-choices';
import { ScheduleDialog } from './schedule-dialog';
import { useCampaignAction, useSendCampaignTest } from './use-campaign-action';
import { useCampaignAudience } from './use-campaign-audience';
import { useFirmSettings } from './use-email-delivery';

const SendTestButton = ({ campaign }: { campaign: CampaignView }) => {
  const { keptLocally } = useFirmSettings();
  const { sendTest, isPending } = useSendCampaignTest(keptLocally);
  return (
    <Button
      variant="outlined"
      startIcon={<ForwardToInboxOutlinedIcon />}
      disabled={isPending}
      onClick={() => sendTest(campaign)}
    >
      Send test to me
    </Button>
  );
};

const SendNowButton = ({ campaign }: { campaign: CampaignView }) => {
  const { sendNow, isPending } = useCampaignAction();
  const { data: audience } = useCampaignAudience(campaign.id);
  return (
    <ConfirmActionButton
      variant="contained"
      startIcon={<SendOutlinedIcon />}
      label="Send now"
      pending={isPending}
      title={`Send "${campaign.name}" now?`}
      content={`${
        audience ? `${audienceText(audience)} ` : ''
      }The segment is matched again as it goes out. Emails cannot be taken back once sent.`}
      confirm="Send now"
      cancel="Not yet"
      ConfirmIcon={SendOutlinedIcon}
      onConfirm={() => sendNow(campaign)}
    />
  );
};

const ScheduleButton = ({ campaign }: { campaign: CampaignView }) => {
  const { schedule, isPending } = useCampaignAction();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button
        variant="outlined"
        startIcon={<ScheduleSendOutlinedIcon />}
        disabled={isPending}
        onClick={() => setOpen(true)}
      >
        Schedule…
      </Button>
      <ScheduleDialog
        open={open}
        pending={isPending}
        onClose={() => setOpen(false)}
        onSchedule={(at) => schedule(campaign, at)}
      />
    </>
  );
};

const CancelCampaignButton = ({ campaign }: { campaign: CampaignView }) => {
  const { cancel, isPending } = useCampaignAction();
  return (
    <ConfirmActionButton
      variant="outlined"
      color="error"
      startIcon={<CancelOutlinedIcon />}
      label="Cancel campaign"
      pending={isPending}
      title="Cancel this campaign?"
      content={
        campaign.status === 'scheduled'
          ? 'Nothing has been sent yet, and nothing will be.'
          : 'Emails already handed over for delivery are gone; the rest are dropped.'
      }
      confirm="Cancel campaign"
      cancel="Keep campaign"
      confirmColor="warning"
      ConfirmIcon={CancelOutlinedIcon}
      onConfirm={() => cancel(campaign)}
    />
  );
};

/** A draft is edited, tested, sent or scheduled; a running campaign can be cancelled. */
export const CampaignActions = ({ campaign }: { campaign: CampaignView }) => (
  <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
    {campaign.status === 'draft' && <EditButton variant="outlined" />}
    <SendTestButton campaign={campaign} />
    {campaign.status === 'draft' && (
      <>
        <ScheduleButton campaign={campaign} />
        <SendNowButton campaign={campaign} />
      </>
    )}
    {isCampaignRunning(campaign.status) && <CancelCampaignButton campaign={campaign} />}
    {campaign.status === 'draft' && (
      <DeleteButton
        variant="outlined"
        label="Delete draft"
        mutationMode="pessimistic"
        confirmTitle="Delete this draft?"
        confirmContent="Nothing was sent from it; it is gone for good."
      />
    )}
  </Stack>
);
