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

/*
 * File requests (issue #6). Copied from server/modules/file-requests/file-request.view.ts rather
 * than imported: the portal bundle stays free of server code. Only what the portal reads; the
 * portal API leaves out the staff-only `message` and `workflow`.
 */
export type FileRequestStatus = 'open' | 'uploaded' | 'completed' | 'cancelled';
export type FileRequestItemStatus =
  'requested' | 'uploaded' | 'accepted' | 'rejected' | 'not_applicable';

export interface FileRequestFileRef {
  id: string;
  name: string;
  version: number;
}

export interface FileRequestItem {
  id: string;
  position: number;
  title: string;
  description: string | null;
  status: FileRequestItemStatus;
  /** Staff's reason for a rejection (kept until the next upload). */
  rejectionReason: string | null;
  /** The contact's comment when marking the item not applicable. */
  notApplicableComment: string | null;
  /** What a recipient uploaded for this item (each re-upload is a new version). */
  file: FileRequestFileRef | null;
  /** Asked as an update to this existing client file: the upload becomes its next version. */
  updatesFile: FileRequestFileRef | null;
  updatedAt: string;
}

/**
 * GET /api/portal/file-requests (a list of these) and /api/portal/file-requests/:id, and the
 * answer to every upload or "not applicable" on one of its items.
 */
export interface PortalFileRequest {
  id: string;
  clientId: string;
  clientName: string;
  subject: string;
  status: FileRequestStatus;
  /** The due date passed while items are outstanding. */
  overdue: boolean;
  dueAt: string | null;
  itemCounts: Record<FileRequestItemStatus, number>;
  createdBy: { id: string; name: string } | null;
  createdAt: string;
  lastActivityAt: string;
  description: string | null;
  items: FileRequestItem[];
  attachments: FileRequestFileRef[];
}
