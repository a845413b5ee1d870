import { defineQuery, defineSignal } from '@temporalio/workflow';

export const campaignWorkflowId = (campaignId: string) => `campaign-${campaignId}`;

export interface CampaignInput {
  campaignId: string;
  /** ISO time to send at; null sends at once. */
  scheduledAt: string | null;
}

export type CampaignOutcome = 'sent' | 'cancelled';

export interface CampaignWorkflowStatus {
  state: 'scheduled' | 'sending' | CampaignOutcome;
  scheduledAt: string | null;
  /** Recipients who get an email (the segment resolved at send time, less the skipped). */
  total: number;
  /** Of those, how many emails are queued so far. */
  queued: number;
}

/**
 * Each answer says whether the campaign is still running in the database (`live`): a campaign
 * cancelled there (its signal lost) stops at the next step.
 */
export interface CampaignActivities {
  /** Resolves the segment into recipients once (a retry keeps the first result). */
  startCampaignSend(campaignId: string): Promise<{ live: boolean; total: number }>;
  /** Renders and queues the next chunk of emails; `remaining` recipients still wait for one. */
  queueCampaignChunk(
    campaignId: string,
  ): Promise<{ live: boolean; queued: number; remaining: number }>;
  /** This campaign's emails that the dispatcher has not handed to the provider yet. */
  campaignPendingEmails(campaignId: string): Promise<{ live: boolean; pending: number }>;
  finishCampaign(campaignId: string, outcome: CampaignOutcome): Promise<void>;
}

export const cancelCampaignSignal = defineSignal('cancel');
export const campaignStatusQuery = defineQuery<CampaignWorkflowStatus>('status');
