import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Slots are spaced so that any `perSecond + 1` requests span 1 s plus this much: room for a
 * request to reach the provider later than its slot (a late timer, the network).
 */
const TOLERANCE_SECONDS = 0.1;
/** A sender later than this for its slot takes a new one rather than use up the tolerance. */
const LATE_MS = 50;
/** The claim runs this long before the slot, so its time never delays the request. */
const CLAIM_LEAD_MS = 150;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

/**
 * Calls the provider in the next free slot of the deployment-wide schedule, however many
 * workers run: the one row of email_send_pace holds the next free slot; a sender takes
 * max(now, next slot), moves it on by `(1 + tolerance) / perSecond` and commits at once, so
 * requests are spaced by their start and their round trips overlap. A sender that wakes too late
 * for its slot takes another, so no request starts closer than that to the next ones. `claim`
 * runs just before the slot (null: nothing to send, the slot goes unused), so email queued until
 * then makes this request.
 */
export async function sendInTurn<P, T>(
  em: EntityManager,
  perSecond: number,
  claim: () => Promise<P | null>,
  call: (claimed: P) => Promise<T>,
): Promise<{ claimed: P; answer: T } | null> {
  const gapSeconds = (1 + TOLERANCE_SECONDS) / perSecond;
  let claimed: { batch: P } | undefined;
  for (;;) {
    const slotAt = await takeSlot(em, gapSeconds);
    if (!claimed) {
      await sleep(slotAt - CLAIM_LEAD_MS - Date.now());
      const batch = await claim();
      if (batch === null) return null;
      claimed = { batch };
    }
    await sleep(slotAt - Date.now());
    if (Date.now() - slotAt <= LATE_MS) {
      return { claimed: claimed.batch, answer: await call(claimed.batch) };
    }
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
