export const invitationBatchWorkflowId = (batchId: string) => `invitation-batch-${batchId}`;

export interface InvitationBatchActivities {
  /** Resumable: invitations already handled are marked, so a retry carries on where it stopped. */
  startInvitationBatch(batchId: string): Promise<{ started: number; resent: number }>;
}
