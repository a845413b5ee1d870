import { isoDate } from '../../common/http/iso-date';
import type { ClientType, ConnectionStatus, PortalStatus } from './client.enums';

export interface TagChip {
  id: string;
  name: string;
  color: string;
}

export interface PrimaryContact {
  id: string;
  email: string;
  invitationId: string | null;
}

export interface ClientView {
  id: string;
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
  tagIds: string[];
  tags: TagChip[];
  /** The contact whose portal status the client shows, with their pending invitation. */
  primaryContact: PrimaryContact | null;
  createdAt: string;
  updatedAt: string;
}

/** A client row as selected by ClientsRepository (snake_case columns). */
export interface ClientRow {
  id: string;
  type: ClientType;
  first_name: string | null;
  last_name: string | null;
  company_name: string | null;
  display_name: string;
  email: string | null;
  phone: string | null;
  street: string | null;
  city: string | null;
  state: string | null;
  postal_code: string | null;
  tax_client_id: string | null;
  connection_status: ConnectionStatus;
  portal_status: PortalStatus;
  created_at: Date;
  updated_at: Date;
}

export const toClientView = (
  r: ClientRow,
  tags: TagChip[],
  primaryContact: PrimaryContact | null,
): ClientView => ({
  id: r.id,
  type: r.type,
  firstName: r.first_name,
  lastName: r.last_name,
  companyName: r.company_name,
  displayName: r.display_name,
  email: r.email,
  phone: r.phone,
  street: r.street,
  city: r.city,
  state: r.state,
  postalCode: r.postal_code,
  taxClientId: r.tax_client_id,
  connectionStatus: r.connection_status,
  portalStatus: r.portal_status,
  tagIds: tags.map((t) => t.id),
  tags,
  primaryContact,
  createdAt: isoDate(r.created_at),
  updatedAt: isoDate(r.updated_at),
});

export const displayNameOf = (c: {
  firstName?: string | null;
  lastName?: string | null;
  companyName?: string | null;
}): string => c.companyName || [c.firstName, c.lastName].filter(Boolean).join(' ');
