import type { EntityManager } from '@mikro-orm/postgresql';

/** Runs one raw statement (`?` placeholders) and returns its rows. */
export type SqlRunner = <T = Record<string, unknown>[]>(
  sql: string,
  params?: unknown[],
) => Promise<T>;

/** Raw SQL in one transaction, for set-based writes the unit of work does not express. */
export function sqlTransaction<T>(
  em: EntityManager,
  work: (sql: SqlRunner) => Promise<T>,
): Promise<T> {
  return em.transactional((tem) => work(transactionRunner(tem)));
}

/** Raw SQL in the transaction of `tem` (inside em.transactional), beside its unit of work. */
export function transactionRunner(tem: EntityManager): SqlRunner {
  const conn = tem.getConnection();
  const trx = tem.getTransactionContext();
  return <R>(text: string, params: unknown[] = []) =>
    ormErrors(tem, conn.execute(text, params, 'all', trx) as Promise<R>);
}

/** The same runner outside a transaction: each statement on its own. */
export function sqlRunner(em: EntityManager): SqlRunner {
  const conn = em.getConnection();
  return <R>(text: string, params: unknown[] = []) =>
    ormErrors(em, conn.execute(text, params) as Promise<R>);
}

/**
 * A raw statement fails with the exception the ORM's own queries fail with (the driver's error
 * converted), so a database that stops answering is told apart the same way everywhere.
 */
const ormErrors = <R>(em: EntityManager, result: Promise<R>): Promise<R> =>
  result.catch((error: Error) => {
    throw em.getDriver().convertException(error);
  });
