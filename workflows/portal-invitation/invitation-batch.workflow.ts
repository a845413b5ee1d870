import {
  condition,
  continueAsNew,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import {
  cancelInvitationBatchSignal,
  invitationBatchProgressQuery,
  type InvitationBatchActivities,
  type InvitationBatchInput,
  type InvitationBatchProgress,
  type InvitationBatchStep,
} from './invitation-batch.contract';

const { runInvitationBatchPage, countUnsentBatchEmails, cancelInvitationBatch } =
  proxyActivities<InvitationBatchActivities>({
    startToCloseTimeout: '2 minutes',
    retry: { initialInterval: '1 second', maximumInterval: '30 seconds' },
  });

/** Pages per run: a few hundred events, far below where history gets heavy. */
const PAGES_PER_RUN = 100;
const MAIL_POLL_MS = 15_000;
/** A provider down for long does not hold the follow-ups back past this. */
const MAIL_WAIT_MS = 20 * 60_000;

const COUNTED: Record<InvitationBatchStep, 'emailsQueued' | 'workflowsStarted' | 'resent'> = {
  queue: 'emailsQueued',
  start: 'workflowsStarted',
  resend: 'resent',
};

/**
 * A bulk invite, page by page in short activities: every first email is queued (so mail flows
 * at the provider's pace at once), then one portal-invitation workflow starts per invitation
 * (once the emails are out), then pending ones get their new link. Progress is a query; `cancel` stops it between pages
 * and revokes what has not been emailed yet.
 */
export async function invitationBatchWorkflow(input: InvitationBatchInput): Promise<void> {
  const progress: InvitationBatchProgress = input.progress ?? {
    state: 'running',
    total: input.total,
    emailsQueued: 0,
    workflowsStarted: 0,
    resent: 0,
    revoked: 0,
  };
  let cancelled = progress.state === 'cancelled';
  setHandler(cancelInvitationBatchSignal, () => void (cancelled = true));
  setHandler(invitationBatchProgressQuery, () =>
    cancelled && progress.state === 'running' ? { ...progress, state: 'cancelled' } : progress,
  );

  let pages = 0;
  const run = async (step: InvitationBatchStep) => {
    for (;;) {
      // Once: what is not emailed yet is revoked and leaves the batch, so the steps left
      // only start the workflows of invitations already emailed.
      if (cancelled && progress.state !== 'cancelled') {
        progress.revoked += (await cancelInvitationBatch(input.batchId)).revoked;
        progress.state = 'cancelled';
      }
      if (pages++ >= PAGES_PER_RUN || workflowInfo().continueAsNewSuggested) {
        await continueAsNew<typeof invitationBatchWorkflow>({ ...input, progress });
      }
      const { handled, done } = await runInvitationBatchPage(input.batchId, step, input.bulk);
      progress[COUNTED[step]] += done;
      if (!handled) return;
    }
  };

  await run('queue');
  // The follow-ups' first reminders are days away: a bulk invite starts them once its emails
  // are out, so thousands of workflow starts never compete with the mail for Temporal (a run
  // continued as new while starting them does not wait again).
  const waitForMail = input.bulk && progress.workflowsStarted === 0;
  for (let waited = 0; waitForMail && !cancelled && waited < MAIL_WAIT_MS; waited += MAIL_POLL_MS) {
    if ((await countUnsentBatchEmails(input.batchId)) === 0) break;
    await condition(() => cancelled, MAIL_POLL_MS);
  }
  await run('start');
  await run('resend');
  if (progress.state === 'running') progress.state = 'done';
}
