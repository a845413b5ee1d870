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
