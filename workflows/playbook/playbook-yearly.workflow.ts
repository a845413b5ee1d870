import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { PlaybookYearlyActivities } from './playbook-yearly.contract';

const { startYearlyPlaybookRuns } = proxyActivities<PlaybookYearlyActivities>({
  startToCloseTimeout: '1 hour',
  heartbeatTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds' },
});

/**
 * Started by a yearly playbook's Schedule on its date. The year is the scheduled one, not the
 * start time's: an action caught up after New Year still belongs to the year it was due in.
 */
export async function playbookYearlyWorkflow(playbookId: string): Promise<{ runs: number }> {
  const scheduled = workflowInfo().typedSearchAttributes.get({
    name: 'TemporalScheduledStartTime',
    type: 'DATETIME',
  });
  const year = String((scheduled ?? new Date()).getUTCFullYear());
  return startYearlyPlaybookRuns(playbookId, year);
}
