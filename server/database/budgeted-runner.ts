import type { EntityManager } from '@mikro-orm/postgresql';
import { sqlTransaction } from './sql-runner';

/**
 * Runs one statement a list page can do without (an exact count, a walk guessed from a thin
 * sample), or gives up (null) once it has run longer than the budget.
 */
export type BudgetedRunner = <T = Record<string, unknown>[]>(
  sql: string,
  params?: unknown[],
) => Promise<T | null>;

/** PostgreSQL's code for a statement its statement_timeout cancelled. */
const QUERY_CANCELED = '57014';

/**
 * Each statement in a transaction of its own with `statement_timeout` set for it alone, so
 * PostgreSQL stops the work (a timer in the API would leave it running) and the pooled
 * connection keeps its own deadline.
 */
export function budgetedRunner(em: EntityManager, budgetMs: number): BudgetedRunner {
  return async <T>(text: string, params: unknown[] = []) => {
    try {
      return await sqlTransaction(em, async (sql) => {
        await sql(`set local statement_timeout = ${Math.max(1, Math.trunc(budgetMs))}`);
        const rows = await sql<T>(text, params);
        // A timeout that fires as the statement ends cancels the next command: let that be one
        // inside the transaction, which is then rolled back, rather than its commit, which would
        // leave the connection in a failed transaction when it goes back to the pool.
        await sql('set local statement_timeout = 0');
        return rows;
      });
    } catch (error) {
      if ((error as { code?: unknown }).code === QUERY_CANCELED) return null;
      throw error;
    }
  };
}
