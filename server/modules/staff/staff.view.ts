import { z } from 'zod';
import { FIRM_ROLES } from '../../common/access/firm-role';
import { timestampField } from '../../common/http/view-fields';

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
