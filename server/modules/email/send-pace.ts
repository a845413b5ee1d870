import type { EntityManager } from '@mikro-orm/postgresql';
import { sqlRunner, sqlTransaction, type SqlRunner } from '../../database/sql-runner';
import {
  countRecentSendRequests,
  deleteDeadSendRequests,
  holdSendPace,
  insertSendRequest,
  lockSendPace,
  markSendRequestAnswered,
  takeSendSlot,
} from './email-delivery.repository';

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
 * `claim` runs in the same transaction as the request's start, once the limit lets it start
 * (null: nothing to send, the slot goes unused): no batch waits claimed for its turn, so email
 * queued while others wait (one invitation behind a campaign's backlog) makes the very next
 * request.
 */
export async function sendInTurn<P, T>(
  em: EntityManager,
  perSecond: number,
  claim: (sql: SqlRunner) => Promise<P | null>,
  call: (claimed: P) => Promise<T>,
): Promise<{ claimed: P; answer: T } | null> {
  const slotAt = await takeSlot(em, 1 / perSecond);
  await sleep(slotAt - Date.now());
  // Below one a second: one request in each 1 / perSecond seconds.
  const limit = Math.max(1, Math.floor(perSecond));
  const turn = await startRequest(em, limit, limit / perSecond, claim);
  if (!turn) return null;
  try {
    return { claimed: turn.claimed, answer: await call(turn.claimed) };
  } finally {
    await markSendRequestAnswered(sqlRunner(em), turn.requestId);
  }
}

/** The provider refused a request for its rate: every sender of the deployment waits a while. */
export async function holdSendsFor(em: EntityManager, seconds: number): Promise<void> {
  await holdSendPace(sqlRunner(em), seconds);
}

/** Takes the next free slot (one statement: its row lock lasts no longer) and says when it is. */
async function takeSlot(em: EntityManager, gapSeconds: number): Promise<number> {
  const waitMs = await takeSendSlot(sqlRunner(em), gapSeconds);
  return Date.now() + waitMs;
}

/**
 * Once fewer than `limit` requests are in flight or were answered within `windowSeconds`,
 * claims what to send and records the request as started; until then waits for the oldest to
 * leave the window. Senders take turns on the pace row, so two never both see room for one.
 */
async function startRequest<P>(
  em: EntityManager,
  limit: number,
  windowSeconds: number,
  claim: (sql: SqlRunner) => Promise<P | null>,
): Promise<{ requestId: string; claimed: P } | null> {
  for (;;) {
    type Turn = { requestId: string; claimed: P } | { waitMs: number } | null;
    const turn = await sqlTransaction<Turn>(em, async (sql) => {
      await lockSendPace(sql);
      await deleteDeadSendRequests(sql);
      const { busy, wait_ms } = await countRecentSendRequests(sql, windowSeconds);
      if (busy >= limit) return { waitMs: wait_ms ?? windowSeconds * 1000 };
      const claimed = await claim(sql);
      if (claimed === null) return null;
      return { requestId: await insertSendRequest(sql), claimed };
    });
    if (!turn || 'requestId' in turn) return turn;
    await sleep(turn.waitMs);
  }
}
