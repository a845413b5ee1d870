import type { EntityManager } from '@mikro-orm/postgresql';
import { sqlTransaction } from '../../database/sql-transaction';

/** A little slack for clocks and rounding. */
const SLACK = 1.02;
/** The claim runs this long before the turn, so it does not lengthen the time between requests. */
const CLAIM_LEAD_MS = 150;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

/**
 * Calls the provider in turn with every other sender of the deployment, however many workers
 * run: the one row of email_send_pace stays locked during the call, which starts no sooner than
 * `1000 / perSecond` ms after the previous call was answered. Measured from the answer (which
 * comes after the provider got the request), a sender held up on its way (a busy event loop)
 * only widens the gap between two requests' arrivals, never narrows it. `claim` runs in the
 * turn just before the call (null: nothing to send, and the next sender need not wait), so
 * email queued until then makes this request.
 */
export function sendInTurn<P, T>(
  em: EntityManager,
  perSecond: number,
  claim: () => Promise<P | null>,
  call: (claimed: P) => Promise<T>,
): Promise<{ claimed: P; answer: T } | null> {
  const gapSeconds = SLACK / perSecond;
  return sqlTransaction(em, async (sql) => {
    const [{ wait_ms }] = await sql<{ wait_ms: number }[]>(
      `select (extract(epoch from next_at - clock_timestamp()) * 1000)::float8 as wait_ms
       from email_send_pace for update`,
    );
    const turnAt = Date.now() + wait_ms;
    await sleep(turnAt - CLAIM_LEAD_MS - Date.now());
    const claimed = await claim();
    if (claimed === null) return null;
    await sleep(turnAt - Date.now());
    try {
      return { claimed, answer: await call(claimed) };
    } finally {
      await sql(
        `update email_send_pace set next_at = clock_timestamp() + make_interval(secs => ?)`,
        [gapSeconds],
      );
    }
  });
}
