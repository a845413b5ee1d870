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
