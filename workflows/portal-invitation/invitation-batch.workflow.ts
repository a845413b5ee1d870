import { proxyActivities } from '@temporalio/workflow';
import type { InvitationBatchActivities } from './invitation-batch.contract';

const { startInvitationBatch } = proxyActivities<InvitationBatchActivities>({
  startToCloseTimeout: '1 hour',
  heartbeatTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds' },
});

/**
 * A bulk invite: queues the first emails and starts (or, for re-invites, signals) one
 * portal-invitation workflow per contact. The API answers at once; this carries it through.
 */
export async function invitationBatchWorkflow(batchId: string): Promise<void> {
  await startInvitationBatch(batchId);
}
