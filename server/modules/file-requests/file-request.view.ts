/** What the API returns for file requests (staff console and portal share these shapes). */

export type FileRequestStatus = 'open' | 'uploaded' | 'completed' | 'cancelled';
export type FileRequestItemStatus =
  'requested' | 'uploaded' | 'accepted' | 'rejected' | 'not_applicable';

export interface FileRequestFileRef {
  id: string;
  name: string;
  version: number;
}

export interface FileRequestItemView {
  id: string;
  position: number;
  title: string;
  description: string | null;
  status: FileRequestItemStatus;
  /** Staff's reason for a rejection (kept until the next upload). */
  rejectionReason: string | null;
  /** The contact's comment when marking the item not applicable. */
  notApplicableComment: string | null;
  /** The file the recipient uploaded for this item (each re-upload is a new version). */
  file: FileRequestFileRef | null;
  /** Asked as an update to this existing client file: the accepted upload becomes its next version. */
  updatesFile: FileRequestFileRef | null;
  updatedAt: string;
}

export interface FileRequestRecipientView {
  id: string;
  name: string;
  email: string;
}

export interface FileRequestEventView {
  id: string;
  kind: string;
  detail: string;
  itemId: string | null;
  actor: { type: 'staff' | 'contact' | 'system'; name: string };
  at: string;
}

export interface FileRequestSummaryView {
  id: string;
  clientId: string;
  clientName: string;
  subject: string;
  status: FileRequestStatus;
  overdue: boolean;
  dueAt: string | null;
  recipients: FileRequestRecipientView[];
  itemCounts: Record<FileRequestItemStatus, number>;
  remindersSent: number;
  createdBy: { id: string; name: string } | null;
  createdAt: string;
  lastActivityAt: string;
}

export interface FileRequestView extends FileRequestSummaryView {
  description: string | null;
  /** The additional message to the recipients (also emailed with detailed notifications on). */
  message: string | null;
  items: FileRequestItemView[];
  attachments: FileRequestFileRef[];
  events: FileRequestEventView[];
  /** Staff only: the workflow's live status (null if Temporal did not answer) and Web UI link. */
  workflow?: {
    id: string;
    url: string;
    status: {
      state: string;
      overdue: boolean;
      remindersSent: number;
      nextReminderAt: string | null;
    } | null;
  };
}
