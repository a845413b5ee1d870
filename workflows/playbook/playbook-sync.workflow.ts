import { continueAsNew, proxyActivities, setHandler } from '@temporalio/workflow';
import { playbookSyncAgainSignal, type PlaybookSyncActivities } from './playbook-sync.contract';

const { syncPlaybookRuns } = proxyActivities<PlaybookSyncActivities>({
  startToCloseTimeout: '1 hour',
  heartbeatTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds' },
});

const MAX_ROUNDS = 100;

/**
 * Starts the workflows of many new runs (a bulk tag, an import, a yearly date) and stops those
 * of many cancelled ones, outside the request that caused them. Rounds repeat while kicks keep
 * arriving; the history stays bounded by continuing as new.
 */
export async function playbookSyncWorkflow(): Promise<void> {
  let again = true;
  setHandler(playbookSyncAgainSignal, () => {
    again = true;
  });
  for (let round = 0; again; round++) {
    if (round === MAX_ROUNDS) await continueAsNew<typeof playbookSyncWorkflow>();
    again = false;
    await syncPlaybookRuns();
  }
}
