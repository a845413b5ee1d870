import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { sqlRunner } from '../../database/sql-runner';
import { AuthErrors } from '../auth/auth.errors';
import type { Principal } from '../auth/principal';
import { ClientsErrors } from '../../modules/clients/clients.errors';
import {
  contactsOfClientsCondition,
  findClientGrants,
  findExistingClientIds,
  grantedClientsCondition,
} from './access.repository';
import { higherRole, type ClientRole } from './client-role';
import type { FirmRole } from './firm-role';

const ROLE_LABEL: Record<FirmRole, string> = {
  staff_admin: 'Staff Admin',
  entities_admin: 'Entities Admin',
  staff: 'Staff',
};

export type ClientNeed = 'read' | 'edit' | 'share';

export interface SqlCondition {
  sql: string;
  params: unknown[];
}

/**
 * The one place that decides permissions. Firm roles come with the session; per-client roles
 * are direct grants ∪ grants through groups (the views staff_client_access and
 * portal_client_access, which leaves out offline duplicates), decided for a whole set of clients
 * in one query. Entities Admins act as owners of every client, Staff Admins see every client
 * (they manage its contacts).
 */
@Injectable()
export class AccessService {
  constructor(private readonly em: EntityManager) {}

  hasFirmRole(principal: Principal, role: FirmRole): boolean {
    if (principal.kind !== 'staff') return false;
    return role === 'staff' || principal.roles.includes(role);
  }

  /** Passes with any one of the roles. */
  assertFirmRole(principal: Principal, ...roles: FirmRole[]): void {
    if (!roles.some((role) => this.hasFirmRole(principal, role))) {
      const names = roles.map((role) => ROLE_LABEL[role]).join(' or ');
      throw AuthErrors.AUTH_FORBIDDEN(`This needs the ${names} role.`);
    }
  }

  /**
   * Who may give which firm role: a Staff Admin manages staff accounts, giving or taking away
   * only the roles they hold themselves, and changes an account (names, password, active, roles)
   * only if it holds no role they lack, since taking it over would hand them that role. So the
   * Entities Admin role is given only by a Staff Admin who is an Entities Admin too.
   */
  assertMayManageFirmRoles(principal: Principal, ...roleSets: readonly FirmRole[][]): void {
    const lacking = [...new Set(roleSets.flat())].filter((r) => !this.hasFirmRole(principal, r));
    if (lacking.length) {
      const names = lacking.map((role) => ROLE_LABEL[role]).join(' and ');
      throw AuthErrors.AUTH_FORBIDDEN(
        `Only a Staff Admin who is also ${names} may give that role or change an account holding it.`,
      );
    }
  }

  /** The role a firm role gives on every client, if any. */
  private baseline(principal: Principal): ClientRole | undefined {
    if (this.hasFirmRole(principal, 'entities_admin')) return 'owner';
    if (this.hasFirmRole(principal, 'staff_admin')) return 'viewer';
    return undefined;
  }

  /** Each client's effective role for the principal; clients it may not see are absent. */
  async clientRoles(principal: Principal, clientIds: string[]): Promise<Map<string, ClientRole>> {
    const ids = [...new Set(clientIds)];
    const roles = new Map<string, ClientRole>();
    if (!ids.length) return roles;
    const sql = sqlRunner(this.em);
    const baseline = this.baseline(principal);
    if (baseline) {
      for (const id of await findExistingClientIds(sql, ids)) roles.set(id, baseline);
    }
    const grants = await findClientGrants(sql, principal, ids);
    for (const { client_id, role } of grants) {
      roles.set(client_id, higherRole(roles.get(client_id), role));
    }
    return roles;
  }

  /** Whether the principal may see the client at all (for records of it: a file, a request). */
  async seesClient(principal: Principal, clientId: string): Promise<boolean> {
    return (await this.clientRoles(principal, [clientId])).has(clientId);
  }

  /**
   * The principal's role on a client, if it has what `need` asks: 404 when it may not know the
   * client exists, 403 when it sees the client but may not do this.
   */
  async assertClient(
    principal: Principal,
    clientId: string,
    need: ClientNeed,
  ): Promise<ClientRole> {
    const role = (await this.clientRoles(principal, [clientId])).get(clientId);
    if (!role) {
      throw ClientsErrors.CLIENT_NOT_FOUND(`No client with id ${clientId}`);
    }
    if (need !== 'read' && role !== 'owner') {
      throw AuthErrors.AUTH_FORBIDDEN(
        need === 'share'
          ? 'Sharing this client needs the owner role on it (or Entities Admin).'
          : 'Changing this client needs the owner role on it (or Entities Admin).',
      );
    }
    return role;
  }

  /**
   * A condition on a client id column for list queries, keeping the clients the principal may
   * see; null when it sees them all.
   */
  visibleClients(principal: Principal, column: string): SqlCondition | null {
    if (this.baseline(principal)) return null;
    return grantedClientsCondition(principal, column);
  }

  /**
   * A condition on a contact id column, keeping the contacts of clients the principal may see
   * (directly or through a contact group); null when it sees them all.
   */
  visibleContacts(principal: Principal, column: string): SqlCondition | null {
    const scope = this.visibleClients(principal, 'cc.client_id');
    return scope && contactsOfClientsCondition(scope, column);
  }
}
