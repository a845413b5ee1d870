import type { Request } from 'express';
import type { FirmRole } from '../access/firm-role';

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
