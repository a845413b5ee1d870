import { z } from 'zod';
import {
  CLIENT_ROLES,
  CONTACT_CLIENT_ROLES,
  STAFF_CLIENT_ROLES,
} from '../../common/access/client-role';

export const GRANTEE_TYPES = ['staff', 'staff_group', 'contact', 'contact_group'] as const;
export type GranteeType = (typeof GRANTEE_TYPES)[number];

export const grantSchema = z
  .strictObject({
    principalType: z.enum(GRANTEE_TYPES),
    principalId: z.uuid({ message: 'must be an id' }),
    role: z.enum(CLIENT_ROLES),
  })
  .refine(
    (g) =>
      g.principalType.startsWith('staff')
        ? (STAFF_CLIENT_ROLES as readonly string[]).includes(g.role)
        : (CONTACT_CLIENT_ROLES as readonly string[]).includes(g.role),
    {
      message: 'staff get owner or viewer; contacts get contact_access or contact_collaborator',
      path: ['role'],
    },
  );
export type GrantInput = z.infer<typeof grantSchema>;

/** A grant's id in the API: `<principalType>:<principalId>`. */
export const grantIdSchema = z
  .string()
  .regex(
    /^(staff|staff_group|contact|contact_group):[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
    { message: 'must be <principalType>:<principalId>' },
  )
  .transform((v) => {
    const [type, id] = v.split(':');
    return { type: type as GranteeType, id };
  });
