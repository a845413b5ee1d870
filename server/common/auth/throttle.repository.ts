import type { SqlRunner } from '../../database/sql-runner';

/** The tables that count failed sign-ins and failed second-factor codes. */
export type ThrottleTable = 'login_throttle' | 'mfa_throttle';

/** Forgets failures that no longer count: a day old, with no lock on. */
export async function forgetStaleFailures(sql: SqlRunner, table: ThrottleTable): Promise<void> {
  await sql(
    `delete from ${table} where updated_at < now() - interval '1 day'
         and (locked_until is null or locked_until < now())`,
  );
}
