import type { EntityManager } from '@mikro-orm/postgresql';
import type { PoolClient } from 'pg';

/**
 * Borrows a driver connection from the ORM's pool for what the ORM cannot do (COPY streams).
 * Always returned, even when `work` throws.
 */
export async function withPgClient<T>(
  em: EntityManager,
  work: (client: PoolClient) => Promise<T>,
): Promise<T> {
  const knexClient = em.getConnection().getKnex().client as {
    acquireConnection(): Promise<PoolClient>;
    releaseConnection(c: PoolClient): Promise<void>;
  };
  const client = await knexClient.acquireConnection();
  try {
    return await work(client);
  } finally {
    await knexClient.releaseConnection(client);
  }
}

/** Runs `work` in one transaction on a borrowed driver connection: committed, or rolled back. */
export function withPgTransaction<T>(
  em: EntityManager,
  work: (client: PoolClient) => Promise<T>,
): Promise<T> {
  return withPgClient(em, async (client) => {
    await client.query('begin');
    try {
      const result = await work(client);
      await client.query('commit');
      return result;
    } catch (e) {
      await client.query('rollback');
      throw e;
    }
  });
}
