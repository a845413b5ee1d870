import { Context } from '@temporalio/activity';
import {
  DISPATCH_IDLE_POLL_MS,
  type EmailDispatchActivities,
} from '../../workflows/email-dispatch/email-dispatch.contract';
import { useTimeSkipping } from '../utils/time-skipping';

/**
 * The email dispatcher in Temporal's time-skipping test server, with no wake-up signal at all:
 * a fake queue stands for the database. Email queued after long quiet still goes out within
 * the idle poll.
 */
describe('emailDispatchWorkflow (time-skipping)', () => {
  let queued: number;
  /** Skipped-clock times of the batches sent. */
  let sentAt: number[];

  const activities: EmailDispatchActivities = {
    async deliverEmailBatch() {
      if (!queued) return { claimed: 0 };
      queued -= 1;
      sentAt.push(Context.current().info.currentAttemptScheduledTimestampMs);
      return { claimed: 1 };
    },
  };

  beforeEach(() => {
    queued = 0;
    sentAt = [];
  });

  const skipping = useTimeSkipping(activities);

  it('finds email queued after ten minutes idle without a wake-up, within its poll', async () => {
    await skipping.run(
      'emailDispatchWorkflow',
      () => undefined,
      async () => {
        queued = 3;
        await skipping.env.sleep(1000);
        expect(sentAt).toHaveLength(3);

        await skipping.env.sleep(10 * 60_000);
        const queuedAt = await skipping.env.currentTimeMs();
        queued = 2;
        await skipping.env.sleep(DISPATCH_IDLE_POLL_MS + 1000);
        expect(sentAt).toHaveLength(5);
        expect(sentAt[4] - queuedAt).toBeLessThanOrEqual(DISPATCH_IDLE_POLL_MS + 1000);
      },
    );
  });
});
