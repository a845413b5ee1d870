import { pgArray } from '@server/database/pg-array';
import type { SqlFragment } from '@server/database/sql-fragment';
import type { SqlRunner } from '@server/database/sql-runner';
import type { Principal } from '../auth/principal';
import type { ClientRole } from './client-role';

/** Which of `ids` are clients. */
export async function findExistingClientIds(sql: SqlRunner, ids: string[]): Promise<string[]> {
  const rows = await sql<{ id: string }[]>('select id from client where id = any(?::uuid[])', [
    pgArray(ids),
  ]);
  return rows.map(({ id }) => id);
}

export interface ClientGrantRow {
  client_id: string;
  role: ClientRole;
}

/** The principal's grants on `ids`, direct and through groups (one row per grant). */
export function findClientGrants(
  sql: SqlRunner,
  principal: Pick<Principal, 'kind' | 'id'>,
  ids: string[],
): Promise<ClientGrantRow[]> {
  const view = principal.kind === 'staff' ? 'staff_client_access' : 'portal_client_access';
  const who = principal.kind === 'staff' ? 'staff_user_id' : 'contact_id';
  return sql<ClientGrantRow[]>(
    `select client_id, role from ${view} where ${who} = ? and client_id = any(?::uuid[])`,
    [principal.id, pgArray(ids)],
  );
}

/** A condition on the client id `column`: the clients the principal has a grant on. */
export function grantedClientsCondition(
  principal: Pick<Principal, 'kind' | 'id'>,
  column: string,
): SqlFragment {
  return principal.kind === 'staff'
    ? {
        sql: `${column} in (select client_id from staff_client_access where staff_user_id = ?)`,
        params: [principal.id],
      }
    : {
        sql: `${column} in (select client_id from portal_client_access where contact_id = ?)`,
        params: [principal.id],
      };
}

/** A condition on the contact id `column`: contacts of the clients `scope` keeps (on cc.client_id). */
export function contactsOfClientsCondition(scope: SqlFragment, column: string): SqlFragment {
  return {
    sql: `${column} in (select cc.contact_id from contact_client_access cc where ${scope.sql})`,
    params: scope.params,
  };
}
