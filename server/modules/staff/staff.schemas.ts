import { z } from 'zod';
import { FIRM_ROLES } from '../../common/access/firm-role';

const name = z.string().trim().min(1, 'is required').max(100, 'must be at most 100 characters');
const roles = z
  .array(z.enum(FIRM_ROLES))
  .max(3)
  .transform((r) => [...new Set<(typeof FIRM_ROLES)[number]>(['staff', ...r])]);

export const createStaffSchema = z.strictObject({
  email: z.email({ message: 'is not a valid email address' }).max(254).toLowerCase(),
  firstName: name,
  lastName: name,
  roles: roles.default(['staff']),
});
export type CreateStaffInput = z.infer<typeof createStaffSchema>;

export const updateStaffSchema = z
  .strictObject({
    firstName: name.optional(),
    lastName: name.optional(),
    roles: roles.optional(),
    active: z.boolean().optional(),
    id: z.unknown().optional(),
    email: z.unknown().optional(),
    lastLoginAt: z.unknown().optional(),
    createdAt: z.unknown().optional(),
  })
  .transform(({ id: _i, email: _e, lastLoginAt: _l, createdAt: _c, ...rest }) => rest);
export type UpdateStaffInput = z.infer<typeof updateStaffSchema>;

export const STAFF_SORTABLE = [
  'email',
  'lastName',
  'firstName',
  'createdAt',
  'lastLoginAt',
] as const;
export type StaffSortField = (typeof STAFF_SORTABLE)[number];

export const staffFilterSchema = z.strictObject({
  q: z.string().trim().max(200).optional(),
  id: z.array(z.uuid()).max(1000).optional(),
  active: z.boolean().optional(),
});
export type StaffFilter = z.infer<typeof staffFilterSchema>;
