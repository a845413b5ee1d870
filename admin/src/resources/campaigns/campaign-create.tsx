import { Box, CircularProgress } from '@mui/material';
import { Create } from 'react-admin';
import { campaignBody } from './campaign-body';
import { CampaignForm } from './campaign-form';
import { useFirmSettings } from './use-email-delivery';

/** A new draft, from the firm's default sender once the settings are in. */
export const CampaignCreate = () => {
  const { settings, isPending } = useFirmSettings();
  if (isPending) {
    return (
      <Box sx={{ textAlign: 'center', mt: 8 }}>
        <CircularProgress aria-label="Loading the firm's sending domains" />
      </Box>
    );
  }
  return (
    <Create redirect="show" transform={campaignBody}>
      <CampaignForm defaultValues={{ senderEmail: settings?.defaultSender ?? '' }} />
    </Create>
  );
};
