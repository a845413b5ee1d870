import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { SqlCondition } from '../../common/access/access.service';
import type { ClientRole } from '../../common/access/client-role';
import { AuthErrors } from '../../common/auth/auth.errors';
import { CommonErrors } from '../../common/errors/common.errors';
import { invalidField } from '../../common/validation/parse-input';
import { sqlRunner } from '../../database/sql-runner';
import type { GrantInput, GranteeType } from './client-access.schemas';
import type { AccessGrant } from './client-access.view';
import {
  deleteGrant,
  findPrincipalName,
  findVisibleContactName,
  groupHoldsHiddenContact,
  listClientGrants,
  upsertGrant,
} from './sharing.repository';

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
    const rows = await listClientGrants(sqlRunner(this.em), clientId);
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
    const sql = sqlRunner(this.em);
    const { principalType: type, principalId, role } = input;
    const name =
      type === 'contact' && contacts
        ? await findVisibleContactName(sql, principalId, contacts)
        : await findPrincipalName(sql, type, principalId);
    if (name === undefined)
      invalidField('principalId', `no ${type.replace('_', ' ')} with this id`);
    if (
      type === 'contact_group' &&
      contacts &&
      (await groupHoldsHiddenContact(sql, principalId, contacts))
    ) {
      throw AuthErrors.AUTH_FORBIDDEN(
        'principalId: this contact group holds contacts of clients you may not see.',
      );
    }
    const previousRole = await upsertGrant(sql, clientId, type, principalId, role);
    return { principalType: type, principalId, name, role, previousRole };
  }

  /** Removes the principal's direct grant on the client, and says which role it was. */
  async revoke(clientId: string, grantee: { type: GranteeType; id: string }): Promise<GrantChange> {
    const sql = sqlRunner(this.em);
    const removed = await deleteGrant(sql, clientId, grantee);
    if (removed === undefined) {
      throw CommonErrors.NOT_FOUND(
        `No direct grant to ${grantee.type} ${grantee.id} on this client (inherited grants are revoked on their group)`,
      );
    }
    const name = await findPrincipalName(sql, grantee.type, grantee.id);
    return {
      principalType: grantee.type,
      principalId: grantee.id,
      // Grants are deleted with their principal, so it exists; the id is only a fallback.
      name: name ?? grantee.id,
      role: null,
      previousRole: removed,
    };
  }
}
