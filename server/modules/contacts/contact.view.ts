import { z } from 'zod';
import { CONTACT_CLIENT_ROLES } from '../../common/access/client-role';
import { isoDate } from '../../common/http/iso-date';
import { timestampField } from '../../common/http/view-fields';
import { PORTAL_STATUSES, type PortalStatus } from '../clients/client.enums';
import { invitationSummarySchema, type InvitationSummary } from '../invitations/invitation.view';

export const contactClientLinkSchema = z.object({
  id: z.uuid(),
  displayName: z.string(),
  role: z.enum(CONTACT_CLIENT_ROLES),
  isPrimary: z.boolean(),
});
export type ContactClientLink = z.infer<typeof contactClientLinkSchema>;

/** Who a contact is, as every view of them names them. */
export const contactIdentitySchema = z.object({
  id: z.uuid(),
  email: z.string(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  displayName: z.string(),
});

export const contactViewSchema = contactIdentitySchema.extend({
  phone: z.string().nullable(),
  portalStatus: z.enum(PORTAL_STATUSES),
  clientIds: z.array(z.uuid()),
  clients: z.array(contactClientLinkSchema),
  /** The latest invitation, if any. */
  invitation: invitationSummarySchema.nullable(),
  createdAt: timestampField,
  updatedAt: timestampField,
});
export type ContactView = z.infer<typeof contactViewSchema>;

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

export const timelineEventSchema = z.object({
  id: z.uuid(),
  at: timestampField,
  invitationId: z.uuid(),
  kind: z.string(),
  detail: z.string().nullable(),
});
export type TimelineEvent = z.infer<typeof timelineEventSchema>;
