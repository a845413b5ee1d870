import {
  condition,
  continueAsNew,
  proxyActivities,
  setHandler,
  workflowInfo,
  type RetryPolicy,
} from '@temporalio/workflow';
import {
  campaignStatusQuery,
  cancelCampaignSignal,
  type CampaignActivities,
  type CampaignInput,
  type CampaignOutcome,
  type CampaignWorkflowStatus,
} from './campaign.contract';

const MAX_POLL_MS = 10_000;
/** About an hour of polling per run. */
const POLLS_PER_RUN = 360;

const retry: RetryPolicy = { initialInterval: '1 second', maximumInterval: '30 seconds' };

// One set-based insert: long for a huge segment, but it cannot heartbeat.
const { startCampaignSend } = proxyActivities<CampaignActivities>({
  startToCloseTimeout: '10 minutes',
  retry,
});

const { queueCampaignChunk, campaignPendingEmails, finishCampaign } =
  proxyActivities<CampaignActivities>({
    startToCloseTimeout: '2 minutes',
    heartbeatTimeout: '30 seconds',
    retry,
  });

/**
 * One campaign: wait for its time (if scheduled), resolve the segment into recipients, queue
 * their emails chunk by chunk, then wait until the dispatcher has handed them all to the
 * provider. `cancel` stops it between steps; what is queued already is dropped by the
 * dispatcher, which re-reads the campaign's status.
 */
export async function campaignWorkflow(input: CampaignInput): Promise<CampaignOutcome> {
  const status: CampaignWorkflowStatus = {
    state: input.scheduledAt ? 'scheduled' : 'sending',
    scheduledAt: input.scheduledAt,
    total: 0,
    queued: 0,
  };
  let cancelled = false;
  setHandler(cancelCampaignSignal, () => void (cancelled = true));
  setHandler(campaignStatusQuery, () =>
    cancelled && status.state !== 'sent' ? { ...status, state: 'cancelled' } : status,
  );

  // The database says it is no longer running: cancelled there, its signal lost.
  const stop = () => {
    cancelled = true;
  };
  const run = async (): Promise<void> => {
    if (input.scheduledAt) {
      const wait = Date.parse(input.scheduledAt) - Date.now();
      if (wait > 0 && (await condition(() => cancelled, wait))) return;
    }
    status.state = 'sending';
    const started = await startCampaignSend(input.campaignId);
    if (!started.live) return stop();
    status.total = started.total;
    while (!cancelled) {
      const chunk = await queueCampaignChunk(input.campaignId);
      if (!chunk.live) return stop();
      status.queued += chunk.queued;
      if (chunk.remaining === 0) break;
    }
    // Soon at first (a small campaign is out in a second or two), then every 10 s. A stalled
    // provider can keep it polling for hours: the run continues as new before its history
    // grows too long (every step before is idempotent, so the next run goes straight here).
    for (let poll = 0; !cancelled; poll++) {
      const { live, pending } = await campaignPendingEmails(input.campaignId);
      if (!live) return stop();
      if (pending === 0) return;
      if (poll >= POLLS_PER_RUN || workflowInfo().continueAsNewSuggested) {
        await continueAsNew<typeof campaignWorkflow>({ ...input, scheduledAt: null });
      }
      await condition(() => cancelled, Math.min(MAX_POLL_MS, 1000 * 2 ** poll));
    }
  };

  await run();
  const outcome: CampaignOutcome = cancelled ? 'cancelled' : 'sent';
  await finishCampaign(input.campaignId, outcome);
  status.state = outcome;
  return outcome;
}
