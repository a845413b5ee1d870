import type { AuditEntry } from '../../common/audit/audit.service';
import type { GrantChange } from './client-access.service';

const KIND: Record<GrantChange['principalType'], string> = {
  staff: 'staff member',
  staff_group: 'staff group',
  contact: 'contact',
  contact_group: 'contact group',
};

/**
 * A grant, role change or revocation on the trail: the grantee is the target (its type names
 * match the staff, contact and group events), the client is where it happened, and the detail
 * keeps the role before and after. A repeated grant with the same role is a grant, not a change.
 */
export function shareAuditEntry(clientId: string, change: GrantChange): AuditEntry {
  const who = `${KIND[change.principalType]} ${change.name}`;
  const { role, previousRole } = change;
  const [action, summary] =
    role === null
      ? ['access.revoked', `Revoked ${previousRole} access of ${who}`]
      : previousRole && previousRole !== role
        ? ['access.role_changed', `Changed the role of ${who} from ${previousRole} to ${role}`]
        : [
            'access.granted',
            `Granted ${who} the ${role} role${previousRole ? ' (unchanged)' : ''}`,
          ];
  return {
    action,
    summary,
    targetType: change.principalType,
    targetId: change.principalId,
    clientId,
    detail: { principalType: change.principalType, role, previousRole },
  };
}
