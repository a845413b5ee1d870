import { ConnectionException, DriverException } from '@mikro-orm/core';
import { QUERY_TIMEOUT_MESSAGE } from '@server/database/query-deadline';

/** Socket errors and PostgreSQL's "connection exception" / "operator intervention" classes. */
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE']);
const UNREACHABLE_SQLSTATE = /^(08|57P0)/;

/**
 * Whether a request failed because PostgreSQL did not answer (down, frozen, restarting, or
 * every pooled connection waiting on it), rather than because of what the request asked.
 */
export function isDatabaseUnreachable(error: unknown): boolean {
  if (error instanceof ConnectionException) return true;
  if (!(error instanceof DriverException)) return false;
  const code = String(error.code ?? '');
  return (
    UNREACHABLE_CODES.has(code) ||
    UNREACHABLE_SQLSTATE.test(code) ||
    // pool exhausted while every connection waits; connect timeout; connection lost mid-query
    /^(Knex: Timeout acquiring a connection|timeout expired$|Connection terminated)/.test(
      error.message,
    ) ||
    error.message.endsWith(QUERY_TIMEOUT_MESSAGE)
  );
}
