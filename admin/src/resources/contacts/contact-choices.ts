import type { ContactRole } from '../../types';

// What a contact may do for a client in the portal.
export const contactRoles: Record<ContactRole, string> = {
  contact_access: 'Access',
  contact_collaborator: 'Collaborator',
};
