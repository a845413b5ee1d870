import { z } from 'zod';
import { FIRM_ROLES } from '../../common/access/firm-role';
import { isoDate } from '../../common/http/iso-date';
import { timestampField } from '../../common/http/view-fields';
import type { StaffUser } from './staff-user.entity';

/** What the API shows of a staff user: never the password hash. */
export const staffViewSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  roles: z.array(z.enum(FIRM_ROLES)),
  active: z.boolean(),
  lastLoginAt: timestampField.nullable(),
  createdAt: timestampField,
});
export type StaffView = z.infer<typeof staffViewSchema>;

export const toStaffView = (u: StaffUser): StaffView => ({
  id: u.id,
  email: u.email,
  firstName: u.firstName,
  lastName: u.lastName,
  roles: u.roles,
  active: u.active,
  lastLoginAt: isoDate(u.lastLoginAt ?? null),
  createdAt: isoDate(u.createdAt),
});
