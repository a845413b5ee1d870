// Record shapes returned by the Client Hub API (see DESIGN.md, "HTTP API").
import type { Identifier } from 'react-admin';

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
