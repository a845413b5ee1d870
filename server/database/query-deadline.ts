import type { Client } from 'pg';

/** What pg rejects a statement with once it outlives the connection's `query_timeout`. */
export const QUERY_TIMEOUT_MESSAGE = 'Query read timeout';

/**
 * Pool hook for connections with a `query_timeout`: pg stops waiting but leaves the statement in
 * flight, and whatever is queued behind it (a rollback) is never sent, so the connection would go
 * back to the pool stuck or inside a transaction. It is closed instead; the pool opens a new one.
 */
export function closeOnQueryTimeout(
  connection: Client,
  done: (error: Error | null, connection: Client) => void,
): void {
  const query = connection.query.bind(connection) as (...args: unknown[]) => unknown;
  const closeIfTimedOut = (error: unknown) => {
    if (error instanceof Error && error.message === QUERY_TIMEOUT_MESSAGE) {
      connection.connection.stream.destroy();
    }
  };
  // The ORM's driver calls query(config, callback); a promise is checked as well.
  (connection as { query: unknown }).query = (...args: unknown[]) => {
    const callback = args.at(-1);
    if (typeof callback === 'function') {
      args[args.length - 1] = (error: unknown, result: unknown) => {
        closeIfTimedOut(error);
        callback(error, result);
      };
      return query(...args);
    }
    const result = query(...args);
    if (result instanceof Promise) result.catch(closeIfTimedOut);
    return result;
  };
  done(null, connection);
}
