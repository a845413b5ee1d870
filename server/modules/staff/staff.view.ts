import { z } from 'zod';
import { FIRM_ROLES } from '../../common/access/firm-role';
import { sessionViewSchema } from '../../common/auth/session.view';
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

/** A Staff Admin's "sign out everywhere" for a member: the sessions it ended. */
export const staffSessionsEndedSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  ended: z.array(sessionViewSchema),
});
export type StaffSessionsEnded = z.infer<typeof staffSessionsEndedSchema>;
