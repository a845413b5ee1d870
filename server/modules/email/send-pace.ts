import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Slack on the spacing, so network and event-loop jitter never push more requests into one of
 * the provider's one-second windows than it allows.
 */
const SLACK = 1.1;

/**
 * Waits for this sender's turn to call the provider: one row holds the next free slot for the
 * whole deployment (on the database's clock), so however many workers send, requests are at
 * least `1000 / perSecond` ms apart. The row lock queues concurrent takers; each reserves the
 * slot after the last one taken.
 */
export async function waitForSendSlot(em: EntityManager, perSecond: number): Promise<void> {
  const gapMs = (1000 / perSecond) * SLACK;
  const [{ wait_ms }] = await em.getConnection().execute<{ wait_ms: number }[]>(
    `update email_send_pace
     set next_at = greatest(next_at, clock_timestamp()) + make_interval(secs => ?)
     returning (extract(epoch from next_at - clock_timestamp()) * 1000)::float8 - ? as wait_ms`,
    [gapMs / 1000, gapMs],
  );
  if (wait_ms > 0) await new Promise((resolve) => setTimeout(resolve, wait_ms));
}
