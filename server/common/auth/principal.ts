import type { Request } from 'express';
import type { FirmRole } from '../access/firm-role';

/** Who is calling. Contacts join as a second kind with the portal. */
export interface StaffPrincipal {
  kind: 'staff';
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  roles: FirmRole[];
  sessionTokenHash: string;
}

export type Principal = StaffPrincipal;

export interface AuthenticatedRequest extends Request {
  principal?: Principal;
}
