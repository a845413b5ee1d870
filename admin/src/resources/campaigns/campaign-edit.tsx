import { Alert } from '@mui/material';
import {
  DeleteButton,
  Edit,
  Link,
  SaveButton,
  ShowButton,
  Toolbar,
  TopToolbar,
  useCreatePath,
  useRecordContext,
} from 'react-admin';
import type { CampaignView } from '../../types';
import { campaignBody } from './campaign-body';
import { campaignStatuses } from './campaign-choices';
import { CampaignForm } from './campaign-form';

const CampaignEditToolbar = () => (
  <Toolbar sx={{ justifyContent: 'space-between' }}>
    <SaveButton label="Save draft" />
    <DeleteButton
      label="Delete draft"
      mutationMode="pessimistic"
      confirmTitle="Delete this draft?"
      confirmContent="Nothing was sent from it; it is gone for good."
    />
  </Toolbar>
);

/** Only drafts change; a campaign that went out says so instead of showing a form. */
const DraftForm = () => {
  const campaign = useRecordContext<CampaignView>();
  const createPath = useCreatePath();
  if (!campaign) return null;
  if (campaign.status !== 'draft') {
    return (
      <Alert severity="info">
        Only drafts can be changed, and this campaign is{' '}
        {campaignStatuses[campaign.status]?.name.toLowerCase() ?? campaign.status}.{' '}
        <Link to={createPath({ resource: 'campaigns', id: campaign.id, type: 'show' })}>
          Back to the campaign
        </Link>
      </Alert>
    );
  }
  return <CampaignForm toolbar={<CampaignEditToolbar />} />;
};

// Pessimistic: the API's refusals (an unknown merge field, a sender off the firm's domains) are
// reported before leaving the page.
export const CampaignEdit = () => (
  <Edit
    mutationMode="pessimistic"
    redirect="show"
    transform={campaignBody}
    actions={
      <TopToolbar>
        <ShowButton />
      </TopToolbar>
    }
  >
    <DraftForm />
  </Edit>
);
