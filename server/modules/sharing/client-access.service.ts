import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { SqlCondition } from '../../common/access/access.service';
import type { ClientRole } from '../../common/access/client-role';
import { CommonErrorCode, CommonException } from '../../common/errors/common.exception';
import { invalidField } from '../../common/validation/parse-input';
import type { GrantInput, GranteeType } from './client-access.schemas';

export interface AccessGrant {
  id: string;
  principalType: GranteeType;
  principalId: string;
  name: string;
  email: string | null;
  role: ClientRole;
  /** Given through a group: revoked there, shown here for the full picture. */
  inherited: boolean;
  viaGroup: { id: string; name: string } | null;
}

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
const PRINCIPAL_TABLE: Record<GranteeType, string> = {
  staff: 'staff_user',
  staff_group: 'staff_group',
  contact: 'contact',
  contact_group: 'contact_group',
};

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
   * Sets the principal's direct role on the client (a second grant changes the role). With a
   * `scope` (the caller does not see every client), a contact must already belong to a client
   * the caller sees: ids are not a way to find other clients' contacts.
   */
  async grant(clientId: string, input: GrantInput, scope: SqlCondition | null): Promise<void> {
    const conn = this.em.getConnection();
    const known =
      input.principalType === 'contact' && scope
        ? await conn.execute<{ id: string }[]>(
            `select cc.contact_id as id from contact_client_access cc where cc.contact_id = ? and ${scope.sql} limit 1`,
            [input.principalId, ...scope.params],
          )
        : await conn.execute<{ id: string }[]>(
            `select id from ${PRINCIPAL_TABLE[input.principalType]} where id = ?`,
            [input.principalId],
          );
    if (!known.length) {
      invalidField('principalId', `no ${input.principalType.replace('_', ' ')} with this id`);
    }
    if (input.principalType === 'contact') {
      // Sharing never makes someone a client's primary contact (whose status the client shows).
      await conn.execute(
        `insert into client_contact (client_id, contact_id, role, is_primary) values (?, ?, ?, false)
         on conflict (client_id, contact_id) do update set role = excluded.role`,
        [clientId, input.principalId, input.role],
      );
      return;
    }
    const column = GRANT_COLUMN[input.principalType];
    await conn.execute(
      `insert into client_grant (client_id, ${column}, role) values (?, ?, ?)
       on conflict (${column}, client_id) where ${column} is not null
       do update set role = excluded.role`,
      [clientId, input.principalId, input.role],
    );
  }

  async revoke(clientId: string, grantee: { type: GranteeType; id: string }): Promise<void> {
    const sql =
      grantee.type === 'contact'
        ? 'delete from client_contact where client_id = ? and contact_id = ?'
        : `delete from client_grant where client_id = ? and ${GRANT_COLUMN[grantee.type]} = ?`;
    const { affectedRows } = await this.em
      .getConnection()
      .execute<{ affectedRows: number }>(sql, [clientId, grantee.id], 'run');
    if (!affectedRows) {
      throw new CommonException(
        CommonErrorCode.NOT_FOUND,
        `No direct grant to ${grantee.type} ${grantee.id} on this client (inherited grants are revoked on their group)`,
      );
    }
  }
}
