import type { SqlRunner } from '../../database/sql-runner';
import type { PortalClient, PortalMe } from './portal.view';

export type PortalClientRow = Omit<PortalClient, 'role' | 'canContribute'>;

/** An invitation link, its invitation and its contact. */
export interface InvitationTokenRow {
  invitation_id: string;
  token_revoked_at: Date | null;
  status: string;
  expires_at: Date;
  past_expiry: boolean;
  contact_id: string;
  email: string;
  first_name: string | null;
  last_name: string | null;
}

/** A client known to exist (the caller has checked the contact's role on it). */
export async function findPortalClient(sql: SqlRunner, clientId: string): Promise<PortalClientRow> {
  const [row] = await sql<PortalClientRow[]>(
    `select id, display_name as "displayName", type, email, phone, street, city, state,
         postal_code as "postalCode" from client where id = ?`,
    [clientId],
  );
  return row;
}

/** The contact's clients, direct and through contact groups; the higher role wins. */
export function findContactClients(
  sql: SqlRunner,
  contactId: string,
): Promise<PortalMe['clients']> {
  return sql<PortalMe['clients']>(
    `select c.id, c.display_name as "displayName",
           case when bool_or(a.role = 'contact_collaborator') then 'contact_collaborator'
             else 'contact_access' end as role
         from portal_client_access a join client c on c.id = a.client_id
         where a.contact_id = ? group by c.id order by lower(c.display_name)`,
    [contactId],
  );
}

/** The invitation behind a token hash, if any (with `lock`, the invitation locked for the change). */
export async function findInvitationToken(
  sql: SqlRunner,
  tokenHash: string,
  lock: boolean,
): Promise<InvitationTokenRow | undefined> {
  const rows = await sql<InvitationTokenRow[]>(
    `select t.invitation_id, t.revoked_at as token_revoked_at, i.status, i.expires_at,
         i.expires_at <= now() as past_expiry,
         ct.id as contact_id, ct.email, ct.first_name, ct.last_name
       from invitation_token t join invitation i on i.id = t.invitation_id
       join contact ct on ct.id = i.contact_id
       where t.token_hash = ? ${lock ? 'for update of i' : ''}`,
    [tokenHash],
  );
  return rows[0];
}

/** The contact's password, and their portal access accepted. */
export async function acceptContact(
  sql: SqlRunner,
  contactId: string,
  passwordHash: string,
): Promise<void> {
  await sql(
    `update contact set password_hash = ?, portal_status = 'accepted', accepted_at = now(),
           updated_at = now() where id = ?`,
    [passwordHash, contactId],
  );
}

/** The invitation ends accepted (no more reminders), and every link of it stops working. */
export async function acceptInvitation(
  sql: SqlRunner,
  invitationId: string,
  contactId: string,
  detail: string | null,
): Promise<void> {
  await sql(
    `update invitation set status = 'accepted', accepted_at = now(), ended_at = now(),
           next_reminder_at = null, updated_at = now() where id = ?`,
    [invitationId],
  );
  await sql(
    `update invitation_token set revoked_at = now() where invitation_id = ? and revoked_at is null`,
    [invitationId],
  );
  await sql(
    `insert into invitation_event (invitation_id, contact_id, kind, detail) values (?, ?, 'accepted', ?)`,
    [invitationId, contactId, detail],
  );
}

/**
 * The contact's standard clients become connected; offline twins with the same Tax Client ID
 * become duplicates.
 */
export async function connectContactClients(sql: SqlRunner, contactId: string): Promise<void> {
  await sql(
    `with connected as (
         update client set connection_status = 'connected'
         where type = 'standard' and connection_status = 'not_connected'
           and id in (select client_id from client_contact where contact_id = ?)
         returning tax_client_id)
       update client set connection_status = 'duplicate'
       where type = 'offline' and connection_status = 'offline'
         and tax_client_id in (select tax_client_id from connected where tax_client_id is not null)`,
    [contactId],
  );
}
