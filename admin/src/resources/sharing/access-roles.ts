import { CONTACT_CLIENT_ROLES, STAFF_CLIENT_ROLES } from '@server/common/access/client-role';
import type { ClientRole, PrincipalType } from '../../types';

export const accessRoleLabels: Record<ClientRole, string> = {
  owner: 'Owner',
  viewer: 'Viewer',
  contact_access: 'Access (sees what is shared)',
  contact_collaborator: 'Collaborator (can add files)',
};

export const principalTypeLabels: Record<PrincipalType, string> = {
  staff: 'Staff',
  staff_group: 'Staff group',
  contact: 'Contact',
  contact_group: 'Contact group',
};

export const isStaffSide = (type: PrincipalType) => type === 'staff' || type === 'staff_group';

/** Staff and staff groups own or view a client; contacts and contact groups get portal roles. */
export const rolesFor = (type: PrincipalType): readonly ClientRole[] =>
  isStaffSide(type) ? STAFF_CLIENT_ROLES : CONTACT_CLIENT_ROLES;

/** A new grant starts at the lesser role. */
export const defaultRoleFor = (type: PrincipalType): ClientRole =>
  isStaffSide(type) ? 'viewer' : 'contact_access';
