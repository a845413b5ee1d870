import type { Role } from '../../types';

export const roleLabels: Record<Role, string> = {
  staff_admin: 'Staff admin',
  entities_admin: 'Entities admin',
  staff: 'Staff',
};

// Every staff user has `staff` (the API adds it); only the admin roles are a choice.
export const adminRoleChoices = (['staff_admin', 'entities_admin'] as const).map((id) => ({
  id,
  name: roleLabels[id],
}));
