import type { WorkflowHandle } from '@temporalio/client';
import {
  campaignStatusQuery,
  cancelCampaignSignal,
  type CampaignActivities,
  type CampaignInput,
} from '../../workflows/campaign/campaign.contract';
import { DAY, useTimeSkipping } from '../utils/time-skipping';

/**
 * The campaign workflow in Temporal's time-skipping test server: a send scheduled days ahead,
 * cancellations before and during sending. Fake activities stand for the database: 1,200
 * recipients queued 500 at a time, and a dispatcher that takes `pending` down poll by poll.
 */
describe('campaignWorkflow (time-skipping)', () => {
  let calls: string[];
  let recipients: number;
  let pendingPolls: number[];
  /** From this call of queueCampaignChunk on, the database says the campaign was cancelled. */
  let cancelledInDbAtChunk: number;
  let chunks: number;

  const day = () => skipping.activityDay();
  const activities: CampaignActivities = {
    async startCampaignSend() {
      calls.push(`start day ${day()}`);
      return { live: true, total: recipients };
    },
    async queueCampaignChunk() {
      chunks += 1;
      if (chunks >= cancelledInDbAtChunk) return { live: false, queued: 0, remaining: 0 };
      const queued = Math.min(500, recipients);
      recipients -= queued;
      calls.push(`queue ${queued}`);
      return { live: true, queued, remaining: recipients };
    },
    async campaignPendingEmails() {
      const pending = pendingPolls.length > 1 ? pendingPolls.shift()! : pendingPolls[0];
      calls.push(`pending ${pending}`);
      return { live: true, pending };
    },
    async finishCampaign(_id, outcome) {
      calls.push(`finish ${outcome} day ${day()}`);
    },
  };

  beforeEach(() => {
    calls = [];
    recipients = 1200;
    pendingPolls = [900, 300, 0];
    cancelledInDbAtChunk = Infinity;
    chunks = 0;
  });

  const skipping = useTimeSkipping(activities);
  const run = <T>(inDays: number | null, work: (handle: WorkflowHandle) => Promise<T>) =>
    skipping.run(
      'campaignWorkflow',
      (startedAt): CampaignInput => ({
        campaignId: 'campaign-1',
        scheduledAt: inDays === null ? null : new Date(startedAt + inDays * DAY).toISOString(),
      }),
      work,
    );

  it('scheduled two days ahead: waits, then queues every chunk and waits for the dispatcher', async () => {
    const outcome = await run(2, async (h) => {
      await skipping.env.sleep(DAY);
      expect(await h.query(campaignStatusQuery)).toMatchObject({
        state: 'scheduled',
        total: 0,
        queued: 0,
      });
      expect(calls).toEqual([]);
      return h.result();
    });
    expect(outcome).toBe('sent');
    expect(calls).toEqual([
      'start day 2',
      'queue 500',
      'queue 500',
      'queue 200',
      'pending 900',
      'pending 300',
      'pending 0',
      'finish sent day 2',
    ]);
  });

  it('sent at once, the status query follows it to the end', async () => {
    await run(null, async (h) => {
      expect(await h.result()).toBe('sent');
      expect(await h.query(campaignStatusQuery)).toEqual({
        state: 'sent',
        scheduledAt: null,
        total: 1200,
        queued: 1200,
      });
    });
    expect(calls[0]).toBe('start day 0');
  });

  it('cancelled while scheduled: never resolves the segment', async () => {
    const outcome = await run(2, async (h) => {
      await skipping.env.sleep(DAY);
      await skipping.signal(h, cancelCampaignSignal);
      return h.result();
    });
    expect(outcome).toBe('cancelled');
    expect(calls).toEqual(['finish cancelled day 1']);
  });

  it('cancelled while the dispatcher is still sending: stops waiting and ends cancelled', async () => {
    pendingPolls = [1200];
    const outcome = await run(null, async (h) => {
      await skipping.env.sleep(60_000);
      expect(await h.query(campaignStatusQuery)).toMatchObject({
        state: 'sending',
        total: 1200,
        queued: 1200,
      });
      await skipping.signal(h, cancelCampaignSignal);
      expect((await h.query(campaignStatusQuery)).state).toBe('cancelled');
      return h.result();
    });
    expect(outcome).toBe('cancelled');
    // Polled soon at first, then every 10 s, for the minute it waited.
    expect(calls.filter((c) => c === 'pending 1200').length).toBeGreaterThanOrEqual(5);
    expect(calls.at(-1)).toBe('finish cancelled day 0');
  });

  it('cancelled in the database with the signal lost: stops at the next chunk', async () => {
    cancelledInDbAtChunk = 2;
    const outcome = await run(null, (h) => h.result());
    expect(outcome).toBe('cancelled');
    expect(calls).toEqual(['start day 0', 'queue 500', 'finish cancelled day 0']);
  });
});
