// Record shapes returned by the Client Hub API (see DESIGN.md, "HTTP API").
import type { Identifier } from 'react-admin';
import type {
  ImportField,
  ImportMode,
  ImportOutcome,
} from '../../server/modules/imports/import-columns';

// The import template's columns, modes and outcomes are the API's own definitions, shared rather than copied.
export type { ImportField, ImportMode, ImportOutcome };

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
  createdAt: string;
  updatedAt: string;
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
  /** The row as read from the file, one entry per template column. */
  values: Record<ImportField, string | null>;
}
