import type { SqlCondition } from '../../common/access/access.service';
import type { ClientRole } from '../../common/access/client-role';
import type { SqlRunner } from '../../database/sql-runner';
import type { GranteeType } from './client-access.schemas';

/** A role on a client: direct (`via_id` null) or through a group. */
export interface GrantRow {
  type: GranteeType;
  principal_id: string;
  name: string;
  email: string | null;
  role: ClientRole;
  via_id: string | null;
  via_name: string | null;
}

const STAFF_NAME = `trim(s.first_name || ' ' || s.last_name)`;
const CONTACT_NAME = `coalesce(nullif(trim(coalesce(ct.first_name,'') || ' ' || coalesce(ct.last_name,'')), ''), ct.email)`;

const GRANTS_SQL = `
  select 'staff' as type, s.id as principal_id, ${STAFF_NAME} as name, s.email, g.role,
    null::uuid as via_id, null as via_name
  from client_grant g join staff_user s on s.id = g.staff_user_id where g.client_id = ?
  union all
  select 'staff_group', sg.id, sg.name, null, g.role, null, null
  from client_grant g join staff_group sg on sg.id = g.staff_group_id where g.client_id = ?
  union all
  select 'contact_group', cg.id, cg.name, null, g.role, null, null
  from client_grant g join contact_group cg on cg.id = g.contact_group_id where g.client_id = ?
  union all
  select 'contact', ct.id, ${CONTACT_NAME}, ct.email, cc.role, null, null
  from client_contact cc join contact ct on ct.id = cc.contact_id where cc.client_id = ?
  union all
  select 'staff', s.id, ${STAFF_NAME}, s.email, g.role, sg.id, sg.name
  from client_grant g join staff_group sg on sg.id = g.staff_group_id
  join staff_group_member m on m.group_id = sg.id join staff_user s on s.id = m.staff_user_id
  where g.client_id = ?
  union all
  select 'contact', ct.id, ${CONTACT_NAME}, ct.email, g.role, cg.id, cg.name
  from client_grant g join contact_group cg on cg.id = g.contact_group_id
  join contact_group_member m on m.group_id = cg.id join contact ct on ct.id = m.contact_id
  where g.client_id = ?
  order by via_id nulls first, name`;

const GRANT_COLUMN: Record<Exclude<GranteeType, 'contact'>, string> = {
  staff: 'staff_user_id',
  staff_group: 'staff_group_id',
  contact_group: 'contact_group_id',
};
/** The principal's name by id: also how a grant checks that the principal exists. */
const PRINCIPAL_NAME_SQL: Record<GranteeType, string> = {
  staff: `select ${STAFF_NAME} as name from staff_user s where s.id = ?`,
  staff_group: 'select name from staff_group where id = ?',
  contact: `select ${CONTACT_NAME} as name from contact ct where ct.id = ?`,
  contact_group: 'select name from contact_group where id = ?',
};

/**
 * Sets a direct role and returns the one before it; params: client and principal (the old
 * role), then client, principal and role. The CTE reads the row as it was before the upsert
 * (one snapshot for the whole statement). Sharing never makes a contact a client's primary
 * contact (whose status the client shows).
 */
function upsertSql(type: GranteeType): string {
  const [table, column, insert, conflict] =
    type === 'contact'
      ? [
          'client_contact',
          'contact_id',
          'insert into client_contact (client_id, contact_id, role, is_primary) values (?, ?, ?, false)',
          '(client_id, contact_id)',
        ]
      : [
          'client_grant',
          GRANT_COLUMN[type],
          `insert into client_grant (client_id, ${GRANT_COLUMN[type]}, role) values (?, ?, ?)`,
          `(${GRANT_COLUMN[type]}, client_id) where ${GRANT_COLUMN[type]} is not null`,
        ];
  return `with old_grant as (select role from ${table} where client_id = ? and ${column} = ?)
    ${insert} on conflict ${conflict} do update set role = excluded.role
    returning (select role from old_grant) as previous_role`;
}

/** Every role on the client, direct ones first, then those through groups. */
export function listClientGrants(sql: SqlRunner, clientId: string): Promise<GrantRow[]> {
  return sql<GrantRow[]>(GRANTS_SQL, Array(6).fill(clientId));
}

/** The principal's name; undefined when there is no such principal. */
export async function findPrincipalName(
  sql: SqlRunner,
  type: GranteeType,
  id: string,
): Promise<string | undefined> {
  const [found] = await sql<{ name: string }[]>(PRINCIPAL_NAME_SQL[type], [id]);
  return found?.name;
}

/** The contact's name if `contacts` (a condition on `ct.id`) keeps it; else undefined. */
export async function findVisibleContactName(
  sql: SqlRunner,
  id: string,
  contacts: SqlCondition,
): Promise<string | undefined> {
  const [found] = await sql<{ name: string }[]>(
    `${PRINCIPAL_NAME_SQL.contact} and ${contacts.sql}`,
    [id, ...contacts.params],
  );
  return found?.name;
}

/** Whether the contact group holds a contact that `contacts` (a condition on `ct.id`) leaves out. */
export async function groupHoldsHiddenContact(
  sql: SqlRunner,
  groupId: string,
  contacts: SqlCondition,
): Promise<boolean> {
  const [hidden] = await sql(
    `select 1 from contact_group_member m join contact ct on ct.id = m.contact_id
         where m.group_id = ? and not (${contacts.sql}) limit 1`,
    [groupId, ...contacts.params],
  );
  return !!hidden;
}

/** Sets the principal's direct role on the client; returns the role before (null: none). */
export async function upsertGrant(
  sql: SqlRunner,
  clientId: string,
  type: GranteeType,
  principalId: string,
  role: ClientRole,
): Promise<ClientRole | null> {
  const [{ previous_role: previousRole }] = await sql<{ previous_role: ClientRole | null }[]>(
    upsertSql(type),
    [clientId, principalId, clientId, principalId, role],
  );
  return previousRole;
}

/** Removes the principal's direct role on the client; returns it (undefined: there was none). */
export async function deleteGrant(
  sql: SqlRunner,
  clientId: string,
  grantee: { type: GranteeType; id: string },
): Promise<ClientRole | undefined> {
  const text =
    grantee.type === 'contact'
      ? 'delete from client_contact where client_id = ? and contact_id = ? returning role'
      : `delete from client_grant where client_id = ? and ${GRANT_COLUMN[grantee.type]} = ? returning role`;
  const [removed] = await sql<{ role: ClientRole }[]>(text, [clientId, grantee.id]);
  return removed?.role;
}
