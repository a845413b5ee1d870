// Record shapes returned by the Client Hub API: the server's own views, as their JSON reads.
// Type-only imports: nothing from the server enters the bundle.
import type { Identifier } from 'react-admin';
import type { z } from 'zod';
import type { StaffClientRole } from '@server/common/access/client-role';
import type { FirmRole } from '@server/common/access/firm-role';
import type { SessionView } from '@server/common/auth/session.view';
import type { mfaResetSchema } from '@server/common/auth/mfa/mfa.view';
import type { AuditEventView } from '@server/modules/audit/audit-event.view';
import type {
  CampaignAudience as CampaignAudienceView,
  CampaignPreview as CampaignPreviewView,
  CampaignRecipientView as CampaignRecipientJson,
  CampaignView as CampaignJson,
} from '@server/modules/campaigns/campaign.view';
import type {
  ClientFileView,
  FileVersionView,
} from '@server/modules/client-files/client-file.view';
import type { BulkTagsCounts, ClientView } from '@server/modules/clients/client.view';
import type {
  ContactClientLink,
  ContactView,
  TimelineEvent as TimelineEventView,
} from '@server/modules/contacts/contact.view';
import type { Dashboard as DashboardView } from '@server/modules/dashboard/dashboard.view';
import type { OutboxMessage as OutboxMessageView } from '@server/modules/email/outbox.view';
import type {
  FileRequestEventView as FileRequestEventJson,
  FileRequestFileRef as FileRequestFileRefJson,
  FileRequestItemView as FileRequestItemJson,
  FileRequestRecipientView as FileRequestRecipientJson,
  FileRequestSummaryView as FileRequestSummaryJson,
  FileRequestView as FileRequestJson,
} from '@server/modules/file-requests/file-request.view';
import type { RecipientOptionView } from '@server/modules/file-requests/request-recipients.view';
import type { GroupView } from '@server/modules/groups/group.view';
import type { ImportJobView } from '@server/modules/imports/import-job.view';
import type { ImportRowView } from '@server/modules/imports/import-row.view';
import type {
  invitationBatchViewSchema,
  InvitationSummary as InvitationSummaryView,
  InvitationView,
  InviteResult as InviteResultView,
} from '@server/modules/invitations/invitation.view';
import type {
  PlaybookRunDetailView as PlaybookRunDetailJson,
  PlaybookRunLogEntry as PlaybookRunLogEntryJson,
  PlaybookRunView as PlaybookRunJson,
  PlaybookView as PlaybookJson,
} from '@server/modules/playbooks/playbook.view';
import type {
  RequestTemplateItem as RequestTemplateItemJson,
  RequestTemplateView as RequestTemplateJson,
} from '@server/modules/request-templates/request-template.view';
import type {
  SegmentPreview as SegmentPreviewView,
  SegmentView,
} from '@server/modules/segments/segment.view';
import type { FirmSettings } from '@server/modules/settings/settings.view';
import type { AccessGrant as AccessGrantView } from '@server/modules/sharing/client-access.view';
import type { StaffView } from '@server/modules/staff/staff.view';
import type { TagView } from '@server/modules/tags/tag.view';

/** A server view as the browser receives it: JSON, so every Date is an ISO string, at any depth. */
export type Json<T> = T extends Date
  ? string
  : T extends readonly (infer Item)[]
    ? Json<Item>[]
    : T extends object
      ? { [K in keyof T]: Json<T[K]> }
      : T;

// Enumerations the console reads, as the API defines them.
export type { ClientRole, StaffClientRole } from '@server/common/access/client-role';
export type {
  ImportField,
  ImportMode,
  ImportOutcome,
} from '@server/modules/imports/import-columns';
export type { ImportStatus } from '@workflows/client-import/client-import.contract';
export type {
  FileRequestItemStatus,
  FileRequestStatus,
} from '@server/modules/file-requests/file-request.view';
export type {
  CampaignStats,
  CampaignStatus,
  RecipientStatus,
} from '@server/modules/campaigns/campaign.view';
export type {
  PlaybookRunStatusName,
  PlaybookStep,
  PlaybookTrigger,
  PlaybookTriggerType,
} from '@server/modules/playbooks/playbooks.schemas';
export type { PlaybookStepType } from '@workflows/playbook/playbook-run.contract';
export type { SegmentFilter } from '@server/modules/segments/segments.schemas';

export type Role = FirmRole;
export type StaffUser = Json<StaffView>;

/** Whether resetting someone's two-step sign-in removed an authenticator. */
export type MfaReset = Json<z.infer<typeof mfaResetSchema>>;

/** A signed-in session (the staff member's own, or one of a staff member's). */
export type Session = Json<SessionView>;

export type Tag = Json<TagView>;

export type Client = Json<ClientView> & {
  /** The signed-in user's role on the client; only on `GET /api/clients/:id`. */
  myRole?: StaffClientRole;
};
export type ClientType = Client['type'];
export type ConnectionStatus = Client['connectionStatus'];
export type PortalStatus = Client['portalStatus'];
export type TagSummary = Client['tags'][number];
/** What `POST /api/clients/bulk/tags` did. */
export type ClientTagsChange = Json<BulkTagsCounts>;

/** One line of `GET /api/clients/:id/access`. */
export type AccessGrant = Json<AccessGrantView>;
/** Who a client can be shared with. */
export type PrincipalType = AccessGrant['principalType'];

/** Body of `POST /api/clients/:id/access`; granting again changes the role. */
export interface AccessGrantRequest {
  principalType: PrincipalType;
  principalId: Identifier;
  role: AccessGrant['role'];
}

/** A record of `/api/staff-groups` (members are staff) or `/api/contact-groups` (contacts). */
export type Group = Json<GroupView>;

export type InvitationSummary = Json<InvitationSummaryView>;
/** A record of `GET /api/invitations`. */
export type Invitation = Json<InvitationView>;
export type InvitationStatus = Invitation['status'];

export type Contact = Json<ContactView>;
export type ContactClient = Json<ContactClientLink>;
export type ContactRole = ContactClient['role'];

export type TimelineEvent = Json<TimelineEventView>;

/** Who `POST /api/invitations` reaches: exactly one of these. */
export type InviteTarget =
  | { contactIds: Identifier[] }
  | { clientIds: Identifier[] }
  | { filter: Record<string, unknown>; resource: 'contacts' | 'clients' };

/** `resend` re-invites contacts whose invitation is pending (new link, old one dead). */
export type PendingInvitations = 'skip' | 'resend';

export type InviteRequest = InviteTarget & { senderEmail: string; pending?: PendingInvitations };

export type InviteResult = Json<InviteResultView>;
export type InviteSkipReason = InviteResult['skipped'][number]['reason'];

/** A bulk invite's progress, as its workflow reports it (null when Temporal does not answer). */
export type InvitationBatch = Json<z.infer<typeof invitationBatchViewSchema>>;

export type InvitationAction = 'remind' | 'resend' | 'revoke';

export type Settings = Json<FirmSettings>;
export type MfaPolicy = Settings['staffMfa'];

export type OutboxMessage = Json<OutboxMessageView>;
export type OutboxStatus = OutboxMessage['status'];

export type ImportJob = Json<ImportJobView>;
export type ImportUndoReport = NonNullable<ImportJob['undoReport']>;
export type ImportFileFormat = NonNullable<ImportJob['format']>;
export type ImportRow = Json<ImportRowView>;

/** A record of `GET /api/audit-events` (Staff Admins only): who did what, when, from where. */
export type AuditEvent = Json<AuditEventView>;

/** A file of a client's workspace (`GET /api/clients/:id/files`); name, size and type are the latest version's. */
export type ClientFile = Json<ClientFileView>;
/** One stored version of a client file. */
export type ClientFileVersion = Json<FileVersionView>;

export type FileRequestEventView = Json<FileRequestEventJson>;
export type FileRequestFileRef = Json<FileRequestFileRefJson>;
export type FileRequestItemView = Json<FileRequestItemJson>;
export type FileRequestRecipientView = Json<FileRequestRecipientJson>;
export type FileRequestSummaryView = Json<FileRequestSummaryJson>;
export type FileRequestView = Json<FileRequestJson>;

/** Whom a request to a client can be sent to (`GET /api/file-requests/recipients`). */
export type RecipientOption = Json<RecipientOptionView>;

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

export type RequestTemplateItem = Json<RequestTemplateItemJson>;
export type RequestTemplateView = Json<RequestTemplateJson>;

export type PlaybookView = Json<PlaybookJson>;
export type PlaybookRunView = Json<PlaybookRunJson>;
export type PlaybookRunDetailView = Json<PlaybookRunDetailJson>;
export type PlaybookRunLogEntry = Json<PlaybookRunLogEntryJson>;

/** A saved client filter (the clients list's filter, minus a list of ids). */
export type Segment = Json<SegmentView>;
/** `POST /api/segments/preview`: who a filter reaches now. */
export type SegmentPreview = Json<SegmentPreviewView>;

export type CampaignView = Json<CampaignJson>;
export type CampaignRecipientView = Json<CampaignRecipientJson>;
export type CampaignAudience = Json<CampaignAudienceView>;
/** `POST /api/campaigns/preview`: the message as its first recipient would get it. */
export type CampaignPreview = Json<CampaignPreviewView>;

export type Dashboard = Json<DashboardView>;
