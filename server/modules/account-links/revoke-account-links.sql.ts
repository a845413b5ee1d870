import type { SqlRunner } from '../../database/sql-runner';
import { ownerTable, type AccountLinkOwner } from './account-link-owner';

/**
 * Kills every live link that would set the account's password: a newer link replaces them, and
 * a password changed by its owner makes a reset asked for earlier moot.
 */
export async function revokeAccountLinks(
  sql: SqlRunner,
  owner: Pick<AccountLinkOwner, 'kind' | 'id'>,
): Promise<void> {
  await sql(
    `update account_token set revoked_at = now()
     where ${ownerTable(owner.kind).column} = ? and used_at is null and revoked_at is null`,
    [owner.id],
  );
}
