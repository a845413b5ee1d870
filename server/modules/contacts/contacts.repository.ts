import { pgArray } from '../../database/pg-array';
import type { SqlFragment } from '../../database/sql-fragment';
import type { SqlRunner } from '../../database/sql-runner';
import { INVITATION_COLUMNS } from '../invitations/invitations.repository';
import type { InvitationRow } from '../invitations/invitation.view';
import type { ContactClientLink, ContactRow, TimelineEvent } from './contact.view';
import type { CreateContactInput } from './contacts.schemas';

/** Contacts matching `where` (a contactWhere clause, alias `ct`). */
export function findContactRows(sql: SqlRunner, where: SqlFragment): Promise<ContactRow[]> {
  return sql<ContactRow[]>(`select ct.* from contact ct ${where.sql}`, where.params);
}

/** A contact's invitation history, newest first. */
export function findContactTimeline(sql: SqlRunner, contactId: string): Promise<TimelineEvent[]> {
  return sql<TimelineEvent[]>(
    `select id, at, invitation_id as "invitationId", kind, detail from invitation_event
       where contact_id = ? order by at desc, id limit 500`,
    [contactId],
  );
}

export async function insertContact(
  sql: SqlRunner,
  fields: Omit<CreateContactInput, 'clientIds'>,
): Promise<string> {
  const [row] = await sql<{ id: string }[]>(
    `insert into contact (id, email, first_name, last_name, phone)
         values (gen_random_uuid(), ?, ?, ?, ?) returning id`,
    [fields.email, fields.firstName, fields.lastName, fields.phone],
  );
  return row.id;
}

/** Sets the given columns (undefined ones are left as they are). */
export async function updateContact(
  sql: SqlRunner,
  id: string,
  columns: Record<'email' | 'first_name' | 'last_name' | 'phone', unknown>,
): Promise<void> {
  const sets = Object.entries(columns).filter(([, v]) => v !== undefined);
  if (!sets.length) return;
  await sql(
    `update contact set ${sets.map(([c]) => `${c} = ?`).join(', ')}, updated_at = now() where id = ?`,
    [...sets.map(([, v]) => v), id],
  );
}

/** Unlinks the contact from every client not in `clientIds`. */
export async function unlinkOtherClients(
  sql: SqlRunner,
  contactId: string,
  clientIds: string[],
): Promise<void> {
  await sql('delete from client_contact where contact_id = ? and client_id <> all(?::uuid[])', [
    contactId,
    pgArray(clientIds),
  ]);
}

export async function deleteContact(sql: SqlRunner, id: string): Promise<void> {
  await sql('delete from contact where id = ?', [id]);
}

/** The ids among `ids` that are clients. */
export function findExistingClientIds(sql: SqlRunner, ids: string[]): Promise<{ id: string }[]> {
  return sql<{ id: string }[]>('select id from client where id = any(?::uuid[])', [pgArray(ids)]);
}

/** Links clients (collaborator role); the first contact of a client becomes its primary. */
export async function linkClients(
  sql: SqlRunner,
  contactId: string,
  clientIds: string[],
): Promise<void> {
  await sql(
    `insert into client_contact (client_id, contact_id, is_primary)
       select c, ?, not exists (select 1 from client_contact p where p.client_id = c and p.is_primary)
       from unnest(?::uuid[]) c
       on conflict do nothing`,
    [contactId, pgArray(clientIds)],
  );
}

/** The contacts' client links (only to clients in `scope`, a condition on `cc`, if given). */
export function findClientLinks(
  sql: SqlRunner,
  contactIds: string[],
  scope: SqlFragment | null,
): Promise<(ContactClientLink & { contact_id: string })[]> {
  return sql<(ContactClientLink & { contact_id: string })[]>(
    `select cc.contact_id, c.id, c.display_name as "displayName", cc.role, cc.is_primary as "isPrimary"
         from client_contact cc join client c on c.id = cc.client_id
         where cc.contact_id = any(?::uuid[]) ${scope ? `and ${scope.sql}` : ''}
         order by cc.is_primary desc, lower(c.display_name)`,
    [pgArray(contactIds), ...(scope?.params ?? [])],
  );
}

/** Each contact's latest invitation. */
export function findLatestInvitations(
  sql: SqlRunner,
  contactIds: string[],
): Promise<InvitationRow[]> {
  return sql<InvitationRow[]>(
    `select distinct on (i.contact_id) ${INVITATION_COLUMNS} from invitation i
         where i.contact_id = any(?::uuid[]) order by i.contact_id, i.created_at desc`,
    [pgArray(contactIds)],
  );
}
