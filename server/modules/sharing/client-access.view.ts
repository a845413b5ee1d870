import { z } from 'zod';
import { CLIENT_ROLES } from '../../common/access/client-role';
import { GRANTEE_TYPES } from './client-access.schemas';

export const accessGrantSchema = z.object({
  id: z.string(),
  principalType: z.enum(GRANTEE_TYPES),
  principalId: z.uuid(),
  name: z.string(),
  email: z.string().nullable(),
  role: z.enum(CLIENT_ROLES),
  /** Given through a group: revoked there, shown here for the full picture. */
  inherited: z.boolean(),
  viaGroup: z.object({ id: z.uuid(), name: z.string() }).nullable(),
});
export type AccessGrant = z.infer<typeof accessGrantSchema>;
