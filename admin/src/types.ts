// Record shapes returned by the Client Hub API (its views, as JSON).
import type { Identifier } from 'react-admin';
import type {
  ImportField,
  ImportMode,
  ImportOutcome,
} from '../../server/modules/imports/import-columns';

import type { ClientRole, StaffClientRole } from '../../server/common/access/client-role';
import type { InvitationBatchProgress } from '../../workflows/portal-invitation/invitation-batch.contract';

// The import template's columns, modes and outcomes are the API's own definitions, shared rather than copied.
export type { ImportField, ImportMode, ImportOutcome };
// So are the roles a client's grants give.
export type { ClientRole, StaffClientRole };

export type Role = 'staff_admin' | 'entities_admin' | 'staff';

export interface StaffUser {
  id: Identifier;
  email: string;
  firstName: string;
  lastName: string;
  roles: Role[];
  active: boolean;
  lastLoginAt: string | null;
  createdAt: string;
}

export interface Tag {
  id: Identifier;
  name: string;
  color: string;
  clientCount: number;
}

export type TagSummary = Pick<Tag, 'id' | 'name' | 'color'>;

export type ClientType = 'standard' | 'offline';
export type ConnectionStatus = 'not_connected' | 'connected' | 'offline' | 'duplicate';
export type PortalStatus =
  'not_invited' | 'invited' | 'accepted' | 'expired' | 'revoked' | 'bounced';

export interface Client {
  id: Identifier;
  type: ClientType;
  firstName: string | null;
  lastName: string | null;
  companyName: string | null;
  displayName: string;
  email: string | null;
  phone: string | null;
  street: string | null;
  city: string | null;
  state: string | null;
  postalCode: string | null;
  taxClientId: string | null;
  connectionStatus: ConnectionStatus;
  portalStatus: PortalStatus;
  tagIds: Identifier[];
  tags: TagSummary[];
  /** Whom "invite this client" reaches; null when the client has no contact yet. */
  primaryContact: {
    id: Identifier;
    email: string;
    invitationId: Identifier | null;
  } | null;
  /** The signed-in user's role on the client; only on `GET /api/clients/:id`. */
  myRole?: StaffClientRole;
  createdAt: string;
  updatedAt: string;
}

/** Who a client can be shared with. */
export type PrincipalType = 'staff' | 'staff_group' | 'contact' | 'contact_group';

/** One line of `GET /api/clients/:id/access`. */
export interface AccessGrant {
  /** `<principalType>:<principalId>`; inherited grants have `@<groupId>` appended. */
  id: string;
  principalType: PrincipalType;
  principalId: Identifier;
  /** The person's or the group's name. */
  name: string;
  email: string | null;
  role: ClientRole;
  /** Given through a group: revoked on the group, not here. */
  inherited: boolean;
  viaGroup: { id: Identifier; name: string } | null;
}

/** Body of `POST /api/clients/:id/access`; granting again changes the role. */
export interface AccessGrantRequest {
  principalType: PrincipalType;
  principalId: Identifier;
  role: ClientRole;
}

/** A record of `/api/staff-groups` (members are staff) or `/api/contact-groups` (contacts). */
export interface Group {
  id: Identifier;
  name: string;
  description: string | null;
  memberIds: Identifier[];
  memberCount: number;
  createdAt: string;
  updatedAt: string;
}

export type InvitationStatus = 'pending' | 'accepted' | 'expired' | 'revoked' | 'bounced';

export interface InvitationSummary {
  id: Identifier;
  status: InvitationStatus;
  senderEmail: string;
  remindersSent: number;
  maxReminders: number;
  /** null when no further reminder is scheduled. */
  nextReminderAt: string | null;
  expiresAt: string;
  lastRemindedAt: string | null;
  /** When a reminder may be sent by hand again; null = now. */
  remindAvailableAt: string | null;
  workflowId: string;
  /** The invitation's workflow in the Temporal Web UI. */
  workflowUrl: string;
  createdAt: string;
  acceptedAt: string | null;
}

/** A record of `GET /api/invitations`. */
export interface Invitation extends InvitationSummary {
  contactId: Identifier;
  contactEmail: string;
}

export type ContactRole = 'contact_access' | 'contact_collaborator';

export interface ContactClient {
  id: Identifier;
  displayName: string;
  role: ContactRole;
  isPrimary: boolean;
}

export interface Contact {
  id: Identifier;
  email: string;
  firstName: string | null;
  lastName: string | null;
  displayName: string;
  phone: string | null;
  portalStatus: PortalStatus;
  clientIds: Identifier[];
  clients: ContactClient[];
  /** The latest invitation, if any. */
  invitation: InvitationSummary | null;
  createdAt: string;
  updatedAt: string;
}

export type TimelineEventKind =
  | 'invited'
  | 'reminder_sent'
  | 'resent'
  | 'delivered'
  | 'bounced'
  | 'soft_bounced'
  | 'complained'
  | 'accepted'
  | 'revoked'
  | 'expired'
  | 'send_failed';

export interface TimelineEvent {
  id: Identifier;
  at: string;
  invitationId: Identifier;
  kind: TimelineEventKind;
  /** e.g. "Reminder 2 of 3", a bounce message. */
  detail: string | null;
}

/** Who `POST /api/invitations` reaches: exactly one of these. */
export type InviteTarget =
  | { contactIds: Identifier[] }
  | { clientIds: Identifier[] }
  | { filter: Record<string, unknown>; resource: 'contacts' | 'clients' };

/** `resend` re-invites contacts whose invitation is pending (new link, old one dead). */
export type PendingInvitations = 'skip' | 'resend';

export type InviteRequest = InviteTarget & { senderEmail: string; pending?: PendingInvitations };

export type InviteSkipReason =
  'accepted' | 'no_email' | 'suppressed' | 'already_invited' | 'no_contact' | 'offline';

export interface InviteResult {
  invited: number;
  resent: number;
  /** Capped at 1000 entries; `skippedCount` is the total. */
  skipped: {
    contactId: Identifier | null;
    clientId: Identifier | null;
    /** The client's name, else the contact's. */
    name: string;
    email: string | null;
    reason: InviteSkipReason;
    message: string;
  }[];
  skippedCount?: number;
  /** The bulk invite's workflow carries it on; null when nothing was left to send. */
  batchId?: string | null;
}

/** A bulk invite's progress, as its workflow reports it (null when Temporal does not answer). */
export interface InvitationBatch {
  batchId: string;
  progress: InvitationBatchProgress | null;
}

export type InvitationAction = 'remind' | 'resend' | 'revoke';

export type MfaPolicy = 'required' | 'optional';

export interface Settings {
  id: 'firm';
  firmName: string;
  logoUrl: string | null;
  /** The domains invitations may be sent from, e.g. ["yourfirm.com"]. */
  sendingDomains: string[];
  /** An address on one of `sendingDomains`. */
  defaultSender: string;
  reminderIntervalSeconds: number;
  maxReminders: number;
  invitationExpirySeconds: number;
  /** File request emails include the description, message and items. */
  detailedNotifications: boolean;
  requestReminderDaysBefore: number[];
  requestOverdueIntervalDays: number;
  /** IANA zone every date in the console is shown in. */
  timeZone: string;
  /** Whether staff, and contacts, must sign in with an authenticator code. */
  staffMfa: MfaPolicy;
  contactMfa: MfaPolicy;
  /** Read-only: 'outbox' when no RESEND_API_KEY is set, so nothing leaves the machine. */
  emailDelivery: 'resend' | 'outbox';
}

export type OutboxStatus =
  | 'queued'
  | 'sending'
  | 'sent'
  | 'delivered'
  | 'bounced'
  | 'complained'
  | 'failed'
  | 'cancelled'
  | 'recorded';

export interface OutboxMessage {
  id: Identifier;
  kind:
    | 'invitation'
    | 'reminder'
    | 'file_request'
    | 'file_request_reminder'
    | 'file_request_digest'
    | 'playbook'
    | 'campaign'
    | 'password_reset'
    | 'staff_invitation'
    | 'security_notice';
  toEmail: string;
  fromEmail: string;
  subject: string;
  status: OutboxStatus;
  contactId: Identifier | null;
  invitationId: Identifier | null;
  /** Empty once sent through Resend: the token is not kept. */
  links: { label: string; url: string }[];
  error: string | null;
  createdAt: string;
  sentAt: string | null;
  deliveredAt: string | null;
  /** The plain-text body; only on `GET /api/outbox/:id`. */
  text?: string;
  /** The HTML body, until the message is sent; only on `GET /api/outbox/:id`. */
  html?: string | null;
}

export type { ImportStatus } from '../../workflows/client-import/client-import.contract';
import type { ImportStatus } from '../../workflows/client-import/client-import.contract';

export interface ImportUndoReport {
  deleted: number;
  restored: number;
  /** Clients edited since the import, left as they are. */
  skipped: { clientId: Identifier; displayName: string; reason: string }[];
}

export type ImportFileFormat = 'csv' | 'xlsx';

export interface ImportJob {
  id: Identifier;
  fileName: string;
  /** null when the file was refused before its format was known. */
  format: ImportFileFormat | null;
  mode: ImportMode;
  dryRun: boolean;
  status: ImportStatus;
  total: number;
  processed: number;
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
  unknownColumns: string[];
  /** Why the whole file failed (unreadable, missing columns…); row problems are per row. */
  error: string | null;
  workflowId: string;
  /** The workflow in the Temporal Web UI. */
  workflowUrl: string;
  undoWorkflowUrl: string | null;
  undoReport: ImportUndoReport | null;
  /** On a dry run: the real import started from its file ("Import for real"), if any. */
  realImportId: Identifier | null;
  /** null once the staff member who started it is gone. */
  createdBy: { id: Identifier; email: string } | null;
  createdAt: string;
  finishedAt: string | null;
}

export interface ImportRow {
  id: Identifier;
  rowNumber: number;
  /** null until the row's chunk has been processed. */
  outcome: ImportOutcome | null;
  comment: string | null;
  clientId: Identifier | null;
  /** The row's cells as the file has them, one entry per recognised template column. */
  values: Partial<Record<ImportField, string>>;
}

export type AuditActorType = 'staff' | 'contact' | 'system' | 'anonymous';

/** A record of `GET /api/audit-events` (Staff Admins only): who did what, when, from where. */
export interface AuditEvent {
  id: Identifier;
  at: string;
  actorType: AuditActorType;
  actorId: Identifier | null;
  /** Who acted, or the login that was tried for a failed sign-in. */
  actorEmail: string | null;
  /** e.g. 'auth.sign_in', 'invitation.sent'; the API may add actions the console has no label for. */
  action: string;
  /** 'client', 'contact', 'invitation', 'import', 'staff', 'settings' or null. */
  targetType: string | null;
  targetId: Identifier | null;
  /** The client the event concerns, when there is one. */
  clientId: Identifier | null;
  /** e.g. "Invited 3 contacts from invitations@firm.com". */
  summary: string;
  ip: string | null;
  userAgent: string | null;
}

/** One stored version of a client file. */
export interface ClientFileVersion {
  version: number;
  size: number;
  contentType: string;
  uploadedAt: string;
  /** Null once the uploader is gone. */
  uploadedBy: { type: 'staff' | 'contact'; id: string; name: string } | null;
}

/** A file of a client's workspace (`GET /api/clients/:id/files`); name, size and type are the latest version's. */
export interface ClientFile {
  id: string;
  clientId: string;
  name: string;
  version: number;
  size: number;
  contentType: string;
  sharedWithContactIds: string[];
  createdAt: string;
  updatedAt: string;
  /** Newest first. */
  versions: ClientFileVersion[];
  /** The file request it was uploaded for (in the portal, only one sent to the contact). */
  request: { id: string; subject: string; itemTitle: string } | null;
}

// File requests: the API's own response shapes, shared rather than copied.
export type {
  FileRequestEventView,
  FileRequestFileRef,
  FileRequestItemStatus,
  FileRequestItemView,
  FileRequestRecipientView,
  FileRequestStatus,
  FileRequestSummaryView,
  FileRequestView,
} from '../../server/modules/file-requests/file-request.view';

/** Body of `POST /api/file-requests` (the API refuses unknown keys). */
export interface FileRequestCreateBody {
  clientId: string;
  recipientIds: string[];
  subject: string;
  description?: string;
  message?: string;
  /** A day ("2026-12-01", due at its end) or an ISO date-time; in the future. */
  dueAt?: string;
  items?: { title: string; description?: string; updatesFileId?: string }[];
  attachmentFileIds?: string[];
}

// Request templates and playbooks: the API's own response shapes, shared rather than copied.
export type {
  RequestTemplateItem,
  RequestTemplateView,
} from '../../server/modules/request-templates/request-template.view';
export type {
  PlaybookRunDetailView,
  PlaybookRunLogEntry,
  PlaybookRunView,
  PlaybookView,
} from '../../server/modules/playbooks/playbook.view';
export type {
  PlaybookRunStatusName,
  PlaybookStep,
  PlaybookTrigger,
  PlaybookTriggerType,
} from '../../server/modules/playbooks/playbooks.schemas';
export type { PlaybookStepType } from '../../workflows/playbook/playbook-run.contract';

// Segments: saved client filters (the clients list's filter, minus a list of ids).
export interface SegmentFilter {
  q?: string;
  tagIds?: Identifier[];
  tagMode?: 'any' | 'all';
  /** Clients carrying none of these tags. */
  excludeTagIds?: Identifier[];
  type?: ClientType | ClientType[];
  portalStatus?: PortalStatus | PortalStatus[];
  connectionStatus?: ConnectionStatus | ConnectionStatus[];
}

export interface Segment {
  id: Identifier;
  name: string;
  description: string | null;
  filter: SegmentFilter;
  /** Live: the clients matching now. */
  clientCount: number;
  createdAt: string;
  updatedAt: string;
}

/** `POST /api/segments/preview`: who a filter reaches now. */
export interface SegmentPreview {
  clientCount: number;
  /** Contacts of those clients with an email, who have not unsubscribed. */
  reachableContacts: number;
  sample: { id: Identifier; displayName: string; email: string | null }[];
}

// Campaigns: the API's own response shapes, shared rather than copied.
export type {
  CampaignAudience,
  CampaignRecipientView,
  CampaignStats,
  CampaignStatus,
  CampaignView,
  RecipientStatus,
} from '../../server/modules/campaigns/campaign.view';

/** `POST /api/campaigns/preview`: the message as its first recipient would get it. */
export interface CampaignPreview {
  subject: string;
  html: string;
  text: string;
  mergeValues: Record<string, string>;
}

export type { Dashboard } from '../../server/modules/dashboard/dashboard.view';
