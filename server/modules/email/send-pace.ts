import type { EntityManager } from '@mikro-orm/postgresql';
import { sqlTransaction } from '../../database/sql-transaction';

/** A little slack for clocks and rounding. */
const SLACK = 1.02;

/**
 * Calls the provider in turn with every other sender of the deployment, however many workers
 * run (`call` answers null when it had nothing to send): the one row of email_send_pace stays locked during the call, which starts no sooner than
 * `1000 / perSecond` ms after the previous call was answered. Measured from the answer (which
 * comes after the provider got the request), a sender held up on its way (a busy event loop)
 * only widens the gap between two requests' arrivals, never narrows it.
 */
export function sendInTurn<T>(
  em: EntityManager,
  perSecond: number,
  call: () => Promise<T | null>,
): Promise<T | null> {
  const gapSeconds = SLACK / perSecond;
  return sqlTransaction(em, async (sql) => {
    const [{ wait_ms }] = await sql<{ wait_ms: number }[]>(
      `select (extract(epoch from next_at - clock_timestamp()) * 1000)::float8 as wait_ms
       from email_send_pace for update`,
    );
    if (wait_ms > 0) await new Promise((resolve) => setTimeout(resolve, wait_ms));
    const answered = () =>
      sql(`update email_send_pace set next_at = clock_timestamp() + make_interval(secs => ?)`, [
        gapSeconds,
      ]);
    try {
      const result = await call();
      // Null: nothing to send, so the next sender need not wait.
      if (result !== null) await answered();
      return result;
    } catch (e) {
      await answered();
      throw e;
    }
  });
}
