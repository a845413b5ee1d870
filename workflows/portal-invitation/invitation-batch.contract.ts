import { defineQuery, defineSignal } from '@temporalio/workflow';

export const invitationBatchWorkflowId = (batchId: string) => `invitation-batch-${batchId}`;

export interface InvitationBatchInput {
  batchId: string;
  /** Invitations to send and pending ones to re-send. */
  total: number;
  /** Many at once: low Temporal priority and bulk email, behind staff's single actions. */
  bulk: boolean;
  /** Carried over a continue-as-new. */
  progress?: InvitationBatchProgress;
}

/**
 * `queue`: render and queue first emails; `start`: start a workflow per invitation whose email
 * is queued; `resend`: signal pending invitations for a new link.
 */
export type InvitationBatchStep = 'queue' | 'start' | 'resend';

export interface InvitationBatchProgress {
  state: 'running' | 'done' | 'cancelled';
  total: number;
  emailsQueued: number;
  workflowsStarted: number;
  resent: number;
  /** Revoked by a cancel before their email went out. */
  revoked: number;
}

export interface InvitationBatchActivities {
  /**
   * Handles the next page of this step and moves it on, so a retry resumes after it; `handled`
   * is 0 when the step is done, `done` how many of the page counted (emailed, started, re-sent).
   */
  runInvitationBatchPage(
    batchId: string,
    step: InvitationBatchStep,
    bulk: boolean,
  ): Promise<{ handled: number; done: number }>;
  /** The batch's first emails still waiting for the provider. */
  countUnsentBatchEmails(batchId: string): Promise<number>;
  /** Revokes the batch's invitations whose email has not gone out; the rest carry on. */
  cancelInvitationBatch(batchId: string): Promise<{ revoked: number }>;
}

export const cancelInvitationBatchSignal = defineSignal('cancel');
export const invitationBatchProgressQuery = defineQuery<InvitationBatchProgress>('progress');
