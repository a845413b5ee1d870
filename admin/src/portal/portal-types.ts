/** Shapes of the portal API (contract for issue #4). */

/** GET /api/portal/invitations/preview: what the acceptance page may show before sign-up. */
export interface InvitationPreview {
  firmName: string;
  logoUrl: string | null;
  email: string;
  firstName: string | null;
  lastName: string | null;
  expiresAt: string;
}

export type PortalClientRole = 'contact_access' | 'contact_collaborator';

/** GET /api/portal/me, and the answer to a portal sign-in or an accepted invitation. */
export interface PortalMe {
  id: string;
  email: string;
  firstName: string | null;
  lastName: string | null;
  displayName: string;
  firmName: string;
  logoUrl: string | null;
  clients: { id: string; displayName: string; role: PortalClientRole }[];
}

/** GET /api/portal/clients/:id: one of the contact's clients, as the portal shows it. */
export interface PortalClient {
  id: string;
  displayName: string;
  type: 'standard' | 'offline';
  email: string | null;
  phone: string | null;
  street: string | null;
  city: string | null;
  state: string | null;
  postalCode: string | null;
  role: PortalClientRole;
  /** Collaborators may add their own files and notes; access contacts only see. */
  canContribute: boolean;
}

/** GET /api/portal/clients/:id/files: the same shape staff see, limited to the contact's files. */
export type { ClientFile as PortalFile } from '../types';
