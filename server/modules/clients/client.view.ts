import { z } from 'zod';
import { isoDate } from '../../common/http/iso-date';
import { timestampField } from '../../common/http/view-fields';
import {
  CLIENT_TYPES,
  CONNECTION_STATUSES,
  PORTAL_STATUSES,
  type ClientType,
  type ConnectionStatus,
  type PortalStatus,
} from './client.enums';

export const tagChipSchema = z.object({ id: z.uuid(), name: z.string(), color: z.string() });
export type TagChip = z.infer<typeof tagChipSchema>;

export const primaryContactSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  invitationId: z.uuid().nullable(),
});
export type PrimaryContact = z.infer<typeof primaryContactSchema>;

export const clientViewSchema = z.object({
  id: z.uuid(),
  type: z.enum(CLIENT_TYPES),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  companyName: z.string().nullable(),
  displayName: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  street: z.string().nullable(),
  city: z.string().nullable(),
  state: z.string().nullable(),
  postalCode: z.string().nullable(),
  taxClientId: z.string().nullable(),
  connectionStatus: z.enum(CONNECTION_STATUSES),
  portalStatus: z.enum(PORTAL_STATUSES),
  tagIds: z.array(z.uuid()),
  tags: z.array(tagChipSchema),
  /** The contact whose portal status the client shows, with their pending invitation. */
  primaryContact: primaryContactSchema.nullable(),
  createdAt: timestampField,
  updatedAt: timestampField,
});
export type ClientView = z.infer<typeof clientViewSchema>;

/** What a bulk tag change did (the audit trail names the clients and tags). */
export const bulkTagsCountsSchema = z.object({
  updated: z.number().int(),
  added: z.number().int(),
  removed: z.number().int(),
});
export type BulkTagsCounts = z.infer<typeof bulkTagsCountsSchema>;

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
