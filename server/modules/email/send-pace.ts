import type { EntityManager } from '@mikro-orm/postgresql';
import { sqlTransaction } from '../../database/sql-transaction';

/** The claim runs this long before the slot, so its time never delays the request. */
const CLAIM_LEAD_MS = 150;
/** A request unanswered this long is taken for dead (its worker stopped): the activity's timeout. */
const DEAD_AFTER = '2 minutes';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

/**
 * Calls the provider within its limit for the whole deployment, however many workers run, with
 * the round trips of consecutive requests overlapping. Two rules, both kept in the database:
 * - Spacing: the one row of email_send_pace holds the next free slot; a sender takes
 *   max(now, next slot), moves it on by `1 / perSecond` and commits at once, so requests start
 *   evenly spaced (not each after the previous answer).
 * - The limit: a request starts only while fewer than `perSecond` requests are in flight or
 *   were answered within the last second (email_send_request). A request reaches the provider
 *   between its start and its answer, so however late one arrives (a stalled process, the
 *   network), no second at the provider holds more than the limit.
 * `claim` runs just before the slot (null: nothing to send, the slot goes unused), so email
 * queued until then makes this request.
 */
export async function sendInTurn<P, T>(
  em: EntityManager,
  perSecond: number,
  claim: () => Promise<P | null>,
  call: (claimed: P) => Promise<T>,
): Promise<{ claimed: P; answer: T } | null> {
  const slotAt = await takeSlot(em, 1 / perSecond);
  await sleep(slotAt - CLAIM_LEAD_MS - Date.now());
  const claimed = await claim();
  if (claimed === null) return null;
  await sleep(slotAt - Date.now());
  // Below one a second: one request in each 1 / perSecond seconds.
  const limit = Math.max(1, Math.floor(perSecond));
  const requestId = await startRequest(em, limit, limit / perSecond);
  try {
    return { claimed, answer: await call(claimed) };
  } finally {
    await em
      .getConnection()
      .execute(`update email_send_request set answered_at = clock_timestamp() where id = ?`, [
        requestId,
      ]);
  }
}

/** The provider refused a request for its rate: every sender of the deployment waits a while. */
export async function holdSendsFor(em: EntityManager, seconds: number): Promise<void> {
  await em
    .getConnection()
    .execute(
      `update email_send_pace set next_at = greatest(next_at, clock_timestamp() + make_interval(secs => ?))`,
      [seconds],
    );
}

/** Takes the next free slot (one statement: its row lock lasts no longer) and says when it is. */
async function takeSlot(em: EntityManager, gapSeconds: number): Promise<number> {
  const [{ wait_ms }] = await em.getConnection().execute<{ wait_ms: number }[]>(
    `update email_send_pace set next_at = greatest(next_at, clock_timestamp()) + make_interval(secs => ?)
     returning (extract(epoch from next_at - make_interval(secs => ?) - clock_timestamp()) * 1000)::float8 as wait_ms`,
    [gapSeconds, gapSeconds],
  );
  return Date.now() + wait_ms;
}

/**
 * Records a request as started once fewer than `limit` are in flight or were answered within
 * `windowSeconds`; until then waits for the oldest to leave the window. Senders take turns on
 * the pace row, so two never both see room for one.
 */
async function startRequest(
  em: EntityManager,
  limit: number,
  windowSeconds: number,
): Promise<string> {
  for (;;) {
    const turn = await sqlTransaction<{ id: string } | { waitMs: number }>(em, async (sql) => {
      await sql(`select 1 from email_send_pace for update`);
      await sql(
        `delete from email_send_request where started_at < clock_timestamp() - interval '${DEAD_AFTER}'`,
      );
      const [{ busy, wait_ms }] = await sql<{ busy: number; wait_ms: number | null }[]>(
        `select count(*)::int as busy, (extract(epoch from
           min(answered_at) + make_interval(secs => ?) - clock_timestamp()) * 1000)::float8 as wait_ms
         from email_send_request
         where answered_at is null or answered_at > clock_timestamp() - make_interval(secs => ?)`,
        [windowSeconds, windowSeconds],
      );
      if (busy >= limit) return { waitMs: wait_ms ?? windowSeconds * 1000 };
      const [{ id }] = await sql<{ id: string }[]>(
        `insert into email_send_request default values returning id`,
      );
      return { id };
    });
    if ('id' in turn) return turn.id;
    await sleep(turn.waitMs);
  }
}
