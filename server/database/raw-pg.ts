import type { EntityManager, Knex } from '@mikro-orm/postgresql';
import type { PoolClient } from 'pg';
import type { SqlRunner } from './sql-runner';

/**
 * Borrows a driver connection from the ORM's pool for what the ORM cannot do (COPY streams).
 * Always returned, even when `work` throws. With a `signal`, aborting it cancels the statement
 * the connection is running (from another connection, as PostgreSQL requires), and `work`'s
 * failure is replaced by the signal's reason.
 */
export async function withPgClient<T>(
  em: EntityManager,
  work: (client: PoolClient) => Promise<T>,
  signal?: AbortSignal,
): Promise<T> {
  const knexClient = em.getConnection().getKnex().client as {
    acquireConnection(): Promise<PoolClient>;
    releaseConnection(c: PoolClient): Promise<void>;
  };
  signal?.throwIfAborted();
  const client = await knexClient.acquireConnection();
  const pid = (client as PoolClient & { processID: number }).processID;
  // Awaited before the connection goes back to the pool: a cancel that lands after the
  // statement ended finds the backend idle, where PostgreSQL ignores it.
  let cancelled: Promise<unknown> = Promise.resolve();
  const cancel = () => {
    cancelled = em
      .getConnection()
      .execute('select pg_cancel_backend(?)', [pid])
      .catch(() => undefined);
  };
  signal?.addEventListener('abort', cancel, { once: true });
  try {
    return await work(client);
  } catch (e) {
    signal?.throwIfAborted();
    throw e;
  } finally {
    signal?.removeEventListener('abort', cancel);
    await cancelled;
    await knexClient.releaseConnection(client);
  }
}

/** Runs `work` in one transaction on a borrowed driver connection: committed, or rolled back. */
export function withPgTransaction<T>(
  em: EntityManager,
  work: (client: PoolClient) => Promise<T>,
  signal?: AbortSignal,
): Promise<T> {
  return withPgClient(
    em,
    async (client) => {
      await client.query('begin');
      try {
        const result = await work(client);
        await client.query('commit');
        return result;
      } catch (e) {
        await client.query('rollback');
        throw e;
      }
    },
    signal,
  );
}

/**
 * The `SqlRunner` over a borrowed driver connection, so statements beside a COPY are written like
 * every other (`?` placeholders, bound the way the ORM binds them). None starts once `signal` is
 * aborted.
 */
export function pgClientRunner(
  em: EntityManager,
  client: PoolClient,
  signal?: AbortSignal,
): SqlRunner {
  const knex = em.getConnection().getKnex();
  return async <T>(text: string, params: unknown[] = []) => {
    signal?.throwIfAborted();
    const { sql, bindings } = knex
      .raw(text, params as Knex.RawBinding[])
      .toSQL()
      .toNative();
    return (await client.query(sql, bindings as unknown[])).rows as T;
  };
}
