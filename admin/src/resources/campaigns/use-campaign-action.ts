import { useMutation } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useDataProvider, useNotify } from 'react-admin';
import type { ClientHubDataProvider } from '../../providers/data-provider';
import { useApiAction } from '../../providers/use-api-action';
import type { CampaignView } from '../../types';

/**
 * Staff's actions on a campaign, each notified (with the API's own message on a refusal) and
 * followed by a refresh; each resolves to whether it succeeded.
 */
export const useCampaignAction = () => {
  const { run, isPending } = useApiAction();

  const sendNow = useCallback(
    (campaign: CampaignView) =>
      run((api) => api.sendCampaign(campaign.id), {
        done: `Sending "${campaign.name}"`,
        failed: 'Could not send the campaign',
      }),
    [run],
  );

  const schedule = useCallback(
    (campaign: CampaignView, at: Date) =>
      run((api) => api.sendCampaign(campaign.id, at.toISOString()), {
        done: `"${campaign.name}" scheduled for ${at.toLocaleString()}`,
        failed: 'Could not schedule the campaign',
      }),
    [run],
  );

  const cancel = useCallback(
    (campaign: CampaignView) =>
      run((api) => api.cancelCampaign(campaign.id), {
        done: `"${campaign.name}" cancelled`,
        doneType: 'info',
        failed: 'Could not cancel the campaign',
      }),
    [run],
  );

  return { sendNow, schedule, cancel, isPending };
};

/** A test email to the caller; notified with where it went, nothing on the page changes. */
export const useSendCampaignTest = (keptLocally: boolean) => {
  const dataProvider = useDataProvider<ClientHubDataProvider>();
  const notify = useNotify();
  const { mutate, isPending } = useMutation({
    mutationFn: (campaign: CampaignView) => dataProvider.sendCampaignTest(campaign.id),
    onSuccess: ({ to }) =>
      notify(
        keptLocally
          ? `Test email for ${to} kept in the Outbox (email is not configured)`
          : `Test email sent to ${to}`,
        { type: 'success' },
      ),
    onError: (error) =>
      notify(error instanceof Error ? error.message : 'Could not send the test email', {
        type: 'error',
      }),
  });
  return { sendTest: mutate, isPending };
};
