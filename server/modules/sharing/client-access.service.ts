import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { SqlCondition } from '../../common/access/access.service';
import type { ClientRole } from '../../common/access/client-role';
import { AuthErrors } from '../../common/auth/auth.errors';
import { CommonErrors } from '../../common/errors/common.errors';
import { invalidField } from '../../common/validation/parse-input';
import type { GrantInput, GranteeType } from './client-access.schemas';
import type { AccessGrant } from './client-access.view';

interface GrantRow {
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

/** One grant, role change or revocation, as the audit trail records it. */
export interface GrantChange {
  principalType: GranteeType;
  principalId: string;
  name: string;
  /** The direct role now; null once revoked. */
  role: ClientRole | null;
  /** The direct role before; null when there was none. */
  previousRole: ClientRole | null;
}

/** Who has which role on a client, directly and through groups; granting and revoking. */
@Injectable()
export class ClientAccessService {
  constructor(private readonly em: EntityManager) {}

  async list(clientId: string): Promise<AccessGrant[]> {
    const rows = await this.em
      .getConnection()
      .execute<GrantRow[]>(GRANTS_SQL, Array(6).fill(clientId));
    return rows.map((r) => ({
      id: r.via_id ? `${r.type}:${r.principal_id}@${r.via_id}` : `${r.type}:${r.principal_id}`,
      principalType: r.type,
      principalId: r.principal_id,
      name: r.name,
      email: r.email,
      role: r.role,
      inherited: Boolean(r.via_id),
      viaGroup: r.via_id ? { id: r.via_id, name: r.via_name! } : null,
    }));
  }

  /**
   * Sets the principal's direct role on the client (a second grant changes the role) and says
   * what it was before. `contacts` (a condition on `ct.id`) keeps the contacts the caller may
   * see (null: all of them): a contact must be one of them, and a contact group may hold no
   * other, since the grant lets the caller see its members and them see the client. Ids are not
   * a way to find other clients' contacts.
   */
  async grant(
    clientId: string,
    input: GrantInput,
    contacts: SqlCondition | null,
  ): Promise<GrantChange> {
    const conn = this.em.getConnection();
    const { principalType: type, principalId, role } = input;
    const [found] =
      type === 'contact' && contacts
        ? await conn.execute<{ name: string }[]>(
            `${PRINCIPAL_NAME_SQL.contact} and ${contacts.sql}`,
            [principalId, ...contacts.params],
          )
        : await conn.execute<{ name: string }[]>(PRINCIPAL_NAME_SQL[type], [principalId]);
    if (!found) invalidField('principalId', `no ${type.replace('_', ' ')} with this id`);
    if (type === 'contact_group' && contacts) {
      const [hidden] = await conn.execute(
        `select 1 from contact_group_member m join contact ct on ct.id = m.contact_id
         where m.group_id = ? and not (${contacts.sql}) limit 1`,
        [principalId, ...contacts.params],
      );
      if (hidden) {
        throw AuthErrors.AUTH_FORBIDDEN(
          'principalId: this contact group holds contacts of clients you may not see.',
        );
      }
    }
    const [{ previous_role: previousRole }] = await conn.execute<
      { previous_role: ClientRole | null }[]
    >(upsertSql(type), [clientId, principalId, clientId, principalId, role]);
    return { principalType: type, principalId, name: found.name, role, previousRole };
  }

  /** Removes the principal's direct grant on the client, and says which role it was. */
  async revoke(clientId: string, grantee: { type: GranteeType; id: string }): Promise<GrantChange> {
    const conn = this.em.getConnection();
    const sql =
      grantee.type === 'contact'
        ? 'delete from client_contact where client_id = ? and contact_id = ? returning role'
        : `delete from client_grant where client_id = ? and ${GRANT_COLUMN[grantee.type]} = ? returning role`;
    const [removed] = await conn.execute<{ role: ClientRole }[]>(sql, [clientId, grantee.id]);
    if (!removed) {
      throw CommonErrors.NOT_FOUND(
        `No direct grant to ${grantee.type} ${grantee.id} on this client (inherited grants are revoked on their group)`,
      );
    }
    const [principal] = await conn.execute<{ name: string }[]>(PRINCIPAL_NAME_SQL[grantee.type], [
      grantee.id,
    ]);
    return {
      principalType: grantee.type,
      principalId: grantee.id,
      // Grants are deleted with their principal, so it exists; the id is only a fallback.
      name: principal?.name ?? grantee.id,
      role: null,
      previousRole: removed.role,
    };
  }
}
