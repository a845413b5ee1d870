import { useCallback } from 'react';
import { useNotify } from 'react-admin';
import { useApiAction } from '../../providers/use-api-action';
import type { CampaignView } from '../../types';
import { campaignApi } from './campaign-api';

/**
 * Staff's actions on a campaign, each notified (with the API's own message on a refusal) and
 * followed by a refresh; each resolves to whether it succeeded.
 */
export const useCampaignAction = () => {
  const { run, isPending } = useApiAction();
  const notify = useNotify();

  const sendTest = useCallback(
    async (campaign: CampaignView, keptLocally: boolean) => {
      try {
        const { to } = await campaignApi.sendTest(campaign.id);
        notify(
          keptLocally
            ? `Test email for ${to} kept in the Outbox (email is not configured)`
            : `Test email sent to ${to}`,
          { type: 'success' },
        );
        return true;
      } catch (error) {
        notify(error instanceof Error ? error.message : 'Could not send the test email', {
          type: 'error',
        });
        return false;
      }
    },
    [notify],
  );

  const sendNow = useCallback(
    (campaign: CampaignView) =>
      run(() => campaignApi.send(campaign.id), {
        done: `Sending "${campaign.name}"`,
        failed: 'Could not send the campaign',
      }),
    [run],
  );

  const schedule = useCallback(
    (campaign: CampaignView, at: Date) =>
      run(() => campaignApi.send(campaign.id, at.toISOString()), {
        done: `"${campaign.name}" scheduled for ${at.toLocaleString()}`,
        failed: 'Could not schedule the campaign',
      }),
    [run],
  );

  const cancel = useCallback(
    (campaign: CampaignView) =>
      run(() => campaignApi.cancel(campaign.id), {
        done: `"${campaign.name}" cancelled`,
        doneType: 'info',
        failed: 'Could not cancel the campaign',
      }),
    [run],
  );

  return { sendTest, sendNow, schedule, cancel, isPending };
};
