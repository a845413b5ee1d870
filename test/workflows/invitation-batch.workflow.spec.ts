import type { WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import {
  cancelInvitationBatchSignal,
  invitationBatchProgressQuery,
  type InvitationBatchActivities,
  type InvitationBatchInput,
  type InvitationBatchStep,
} from '../../workflows/portal-invitation/invitation-batch.contract';
import { eventually } from '../utils/invitations';
import { useTimeSkipping } from '../utils/time-skipping';

/**
 * The bulk invite workflow in Temporal's time-skipping test server. Fake activities stand for
 * the database: pages of 500 invitations per step, so 100,000 take 200 pages each for the
 * first emails and the workflow starts (continue-as-new keeps each run's history short).
 */
describe('invitationBatchWorkflow (time-skipping)', () => {
  let left: Record<InvitationBatchStep, number>;
  let calls: string[];
  /** From this page call (of any step) on, pages wait until the test releases them. */
  let holdFrom: number;
  let released: boolean;
  let pages: number;
  /** The answers of countUnsentBatchEmails, the last one repeated. */
  let unsentPolls: number[];

  const page = (step: InvitationBatchStep) => {
    const n = Math.min(500, left[step]);
    left[step] -= n;
    // Emailed ones move on to be started.
    if (step === 'queue') left.start += n;
    return { handled: n, done: n };
  };
  const activities: InvitationBatchActivities = {
    async runInvitationBatchPage(_batchId, step) {
      pages += 1;
      if (!calls.includes(step)) calls.push(step);
      while (pages >= holdFrom && !released) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return page(step);
    },
    async countUnsentBatchEmails() {
      calls.push('unsent?');
      return unsentPolls.length > 1 ? unsentPolls.shift()! : unsentPolls[0];
    },
    async cancelInvitationBatch() {
      calls.push('cancel');
      // What is not emailed is revoked; what is emailed is still to be started.
      const revoked = left.queue;
      left.queue = 0;
      left.resend = 0;
      return { revoked };
    },
  };

  beforeEach(() => {
    left = { queue: 0, start: 0, resend: 0 };
    calls = [];
    holdFrom = Infinity;
    released = false;
    pages = 0;
    unsentPolls = [0];
  });

  const skipping = useTimeSkipping(activities);
  const run = <T>(
    input: Omit<InvitationBatchInput, 'batchId'>,
    work: (h: WorkflowHandleWithFirstExecutionRunId) => Promise<T>,
  ) => skipping.run('invitationBatchWorkflow', () => ({ batchId: 'batch-1', ...input }), work);

  it('pages 100,000 invitations through in short activities over several runs', async () => {
    left = { queue: 99_990, start: 0, resend: 10 };
    unsentPolls = [60_000, 20_000, 0];
    await run({ total: 100_000, bulk: true }, async (h) => {
      await h.result();
      const latest = skipping.env.client.workflow.getHandle(h.workflowId);
      expect(await latest.query(invitationBatchProgressQuery)).toEqual({
        state: 'done',
        total: 100_000,
        emailsQueued: 99_990,
        workflowsStarted: 99_990,
        resent: 10,
        revoked: 0,
      });
      const { raw } = await latest.describe();
      // Each run stays far below Temporal's history limits.
      expect(Number(raw.workflowExecutionInfo?.historyLength)).toBeLessThan(1000);
      const first = await skipping.env.client.workflow
        .getHandle(h.workflowId, h.firstExecutionRunId)
        .describe();
      expect(first.status.name).toBe('CONTINUED_AS_NEW');
    });
    expect(pages).toBeGreaterThan(400);
    // The workflows started once their emails were out, not before.
    expect(calls).toEqual(['queue', 'unsent?', 'unsent?', 'unsent?', 'start', 'resend']);
  });

  it('cancelled mid-way: revokes what is not emailed, starts what is, and says so', async () => {
    left = { queue: 5000, start: 0, resend: 20 };
    holdFrom = 3;
    await run({ total: 5020, bulk: true }, async (h) => {
      await eventually('two pages emailed', async () => {
        const progress = await h.query(invitationBatchProgressQuery);
        return progress.emailsQueued === 1000 && progress.state === 'running';
      });
      await h.signal(cancelInvitationBatchSignal);
      expect((await h.query(invitationBatchProgressQuery)).state).toBe('cancelled');
      released = true;
      await h.result();
      // The page in flight when the cancel came finishes; the rest is revoked.
      expect(await h.query(invitationBatchProgressQuery)).toEqual({
        state: 'cancelled',
        total: 5020,
        emailsQueued: 1500,
        workflowsStarted: 1500,
        resent: 0,
        revoked: 3500,
      });
    });
    // Cancelled: no waiting for the mail, and nothing re-sent.
    expect(calls).toEqual(['queue', 'cancel', 'start', 'resend']);
  });
});
