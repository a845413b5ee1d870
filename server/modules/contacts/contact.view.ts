import { isoDate } from '../../common/http/iso-date';
import type { PortalStatus } from '../clients/client.enums';
import type { InvitationSummary } from '../invitations/invitation.view';

export type ContactRole = 'contact_access' | 'contact_collaborator';

export interface ContactClientLink {
  id: string;
  displayName: string;
  role: ContactRole;
  isPrimary: boolean;
}

export interface ContactView {
  id: string;
  email: string;
  firstName: string | null;
  lastName: string | null;
  displayName: string;
  phone: string | null;
  portalStatus: PortalStatus;
  clientIds: string[];
  clients: ContactClientLink[];
  /** The latest invitation, if any. */
  invitation: InvitationSummary | null;
  createdAt: string;
  updatedAt: string;
}

export interface ContactRow {
  id: string;
  email: string;
  first_name: string | null;
  last_name: string | null;
  phone: string | null;
  portal_status: PortalStatus;
  created_at: Date;
  updated_at: Date;
}

export function contactDisplayName(c: {
  email: string;
  firstName: string | null;
  lastName: string | null;
}): string {
  return [c.firstName, c.lastName].filter(Boolean).join(' ') || c.email;
}

export const toContactView = (
  r: ContactRow,
  clients: ContactClientLink[],
  invitation: InvitationSummary | null,
): ContactView => ({
  id: r.id,
  email: r.email,
  firstName: r.first_name,
  lastName: r.last_name,
  displayName: contactDisplayName({
    email: r.email,
    firstName: r.first_name,
    lastName: r.last_name,
  }),
  phone: r.phone,
  portalStatus: r.portal_status,
  clientIds: clients.map((c) => c.id),
  clients,
  invitation,
  createdAt: isoDate(r.created_at),
  updatedAt: isoDate(r.updated_at),
});
