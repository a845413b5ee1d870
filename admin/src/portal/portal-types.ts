import type { FileRequestView } from '../types';

/** Shapes of the portal API (contract for issue #4). */

/** GET /api/portal/invitations/preview: what the acceptance page may show before sign-up. */
export interface InvitationPreview {
  firmName: string;
  logoUrl: string | null;
  email: string;
  firstName: string | null;
  lastName: string | null;
  expiresAt: string;
  /** The firm's: every date in the portal is read in it. */
  timeZone: string;
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
  /** The firm's: every date in the portal is read in it. */
  timeZone: string;
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

/*
 * File requests: the API's own shapes (type-only imports, so no server code enters the bundle).
 * The portal API leaves out the staff-only `workflow`.
 */
export type {
  FileRequestFileRef,
  FileRequestItemStatus,
  FileRequestItemView as FileRequestItem,
  FileRequestStatus,
} from '../types';
export type PortalFileRequest = Omit<FileRequestView, 'workflow'>;

/** GET and POST /api/unsubscribe/:token: the campaign link's page (no sign-in). */
export interface UnsubscribeInfo {
  firmName: string;
  logoUrl: string | null;
  /** Masked, e.g. a***@example.com. */
  email: string;
  unsubscribed: boolean;
}

/** An emailed link that sets a password: a reset (staff or contact) or a staff invitation. */
export interface AccountLinkPreview {
  purpose: 'password_reset' | 'staff_invitation';
  audience: 'staff' | 'contact';
  firmName: string;
  logoUrl: string | null;
  email: string;
  expiresAt: string;
  /** The firm's, in which the expiry is shown. */
  timeZone: string;
}
