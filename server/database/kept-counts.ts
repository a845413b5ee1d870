import type { SqlRunner } from './sql-runner';

/**
 * Counts kept as summands: writers of the counted table append, from a trigger, one row per
 * statement and key with the change (`delta`), taking no lock another writer waits for (a
 * count on a shared row would make concurrent writers queue on it until they commit). A count
 * is the sum of its key's rows.
 *
 * Folding sums each key's rows into one, in one statement (a reader sees the rows before or
 * after, never both), and leaves a key with one row alone (a read of folded counts writes
 * nothing). One caller at a time: the others read the rows as they are rather than wait on
 * the folder's row locks. Only readers fold, so rows gather between reads (an import adds one
 * per chunk and key, a client moving between funnel steps two) and the next read folds them.
 */
/** Each kept-count table's key columns (its rows are these and `delta`). */
const KEYS = {
  tag_client_counts: ['tag_id'],
  client_funnel_counts: ['type', 'portal_status', 'with_email'],
} as const;

export async function foldKeptCounts(sql: SqlRunner, table: keyof typeof KEYS): Promise<void> {
  const columns = KEYS[table].join(', ');
  await sql(
    `with folded as (
       delete from ${table}
       where (select pg_try_advisory_xact_lock(hashtext('${table}')))
         and (${columns}) in (select ${columns} from ${table} group by ${columns} having count(*) > 1)
       returning ${columns}, delta)
     insert into ${table} (${columns}, delta)
     select ${columns}, sum(delta) from folded group by ${columns} having sum(delta) <> 0`,
  );
}
