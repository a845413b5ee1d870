import type { Request } from 'express';
import { z } from 'zod';
import { FIRM_ROLES, type FirmRole } from '../access/firm-role';

/** Who is calling: firm staff in the console, or a client contact in the portal. */
export interface StaffPrincipal {
  kind: 'staff';
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  roles: FirmRole[];
  sessionTokenHash: string;
}

export interface ContactPrincipal {
  kind: 'contact';
  id: string;
  email: string;
  firstName: string | null;
  lastName: string | null;
  sessionTokenHash: string;
}

export type Principal = StaffPrincipal | ContactPrincipal;

export interface AuthenticatedRequest extends Request {
  principal?: Principal;
}

/** What `GET /api/auth/me` shows of the session's principal (never its token hash). */
export const principalViewSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('staff'),
    id: z.uuid(),
    email: z.string(),
    firstName: z.string(),
    lastName: z.string(),
    roles: z.array(z.enum(FIRM_ROLES)),
  }),
  z.object({
    kind: z.literal('contact'),
    id: z.uuid(),
    email: z.string(),
    firstName: z.string().nullable(),
    lastName: z.string().nullable(),
  }),
]);
