import { continueAsNew, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import { playbookSyncAgainSignal, type PlaybookSyncActivities } from './playbook-sync.contract';

const { syncPlaybookRuns } = proxyActivities<PlaybookSyncActivities>({
  startToCloseTimeout: '1 hour',
  heartbeatTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds' },
});

/** Well under Temporal's limits (50k events), whether it suggests continuing as new or not. */
export const MAX_HISTORY_EVENTS = 10_000;

const historyIsLong = () => {
  const info = workflowInfo();
  return info.continueAsNewSuggested || info.historyLength >= MAX_HISTORY_EVENTS;
};

/**
 * Starts the workflows of many new runs (a bulk tag, an import, a yearly date) and stops those
 * of many cancelled ones, outside the request that caused them. Rounds repeat while kicks keep
 * arriving; the history (rounds, and kicks that pile up during one) stays bounded by continuing
 * as new when Temporal suggests it or it grows long. A kick received before that carries over:
 * the new run starts with a round.
 */
export async function playbookSyncWorkflow(): Promise<void> {
  let again = true;
  setHandler(playbookSyncAgainSignal, () => {
    again = true;
  });
  while (again) {
    if (historyIsLong()) await continueAsNew<typeof playbookSyncWorkflow>();
    again = false;
    await syncPlaybookRuns();
  }
}
