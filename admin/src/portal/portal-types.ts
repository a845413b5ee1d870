import type { AccountLinkPreview as AccountLinkPreviewView } from '@server/modules/account-links/account-link.view';
import type { UnsubscribeView } from '@server/modules/campaigns/unsubscribe.view';
import type {
  InvitationPreview as InvitationPreviewView,
  PortalClient as PortalClientView,
  PortalMe as PortalMeView,
} from '@server/modules/portal/portal.view';
import type { FileRequestView, Json } from '../types';

/** Shapes of the portal API: the server's views, as JSON (dates are strings). */

/** GET /api/portal/invitations/preview: what the acceptance page may show before sign-up. */
export type InvitationPreview = Json<InvitationPreviewView>;

export type PortalClientRole = PortalClientView['role'];

/** GET /api/portal/me, and the answer to a portal sign-in or an accepted invitation. */
export type PortalMe = Json<PortalMeView>;

/** GET /api/portal/clients/:id: one of the contact's clients, as the portal shows it. */
export type PortalClient = Json<PortalClientView>;

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
export type UnsubscribeInfo = Json<UnsubscribeView>;

/** An emailed link that sets a password: a reset (staff or contact) or a staff invitation. */
export type AccountLinkPreview = Json<AccountLinkPreviewView>;
