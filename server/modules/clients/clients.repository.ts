import { pgArray } from '../../database/pg-array';
import type { SqlRunner } from '../../database/sql-runner';
import { deleteClientsWithRuns } from '../playbooks/delivery/playbook-triggers.repository';
import type { ClientRow, PrimaryContact, TagChip } from './client.view';

export async function findClientRow(sql: SqlRunner, id: string): Promise<ClientRow | undefined> {
  const [row] = await sql<ClientRow[]>('select c.* from client c where c.id = ?', [id]);
  return row;
}

/** Deletes a client; returns the live workflows of its playbook runs (see deleteClientsWithRuns). */
export function deleteClient(
  sql: SqlRunner,
  id: string,
): Promise<{ workflow_id: string | null; temporal_run_id: string | null }[]> {
  return sql<{ workflow_id: string | null; temporal_run_id: string | null }[]>(
    deleteClientsWithRuns('delete from client where id = ? returning id'),
    [id],
  );
}

/** Locks the clients among `ids` (in id order, so concurrent bulk changes cannot deadlock). */
export function lockClientsForUpdate(
  sql: SqlRunner,
  ids: string[],
): Promise<{ id: string; display_name: string }[]> {
  return sql<{ id: string; display_name: string }[]>(
    'select id, display_name from client where id = any(?::uuid[]) order by id for update',
    [pgArray(ids)],
  );
}

/** Puts every tag on every client; returns how many links were new. */
export async function addTagsToClients(
  sql: SqlRunner,
  clientIds: string[],
  tagIds: string[],
): Promise<number> {
  const [{ count }] = await sql<{ count: number }[]>(
    `with added as (insert into client_tag (client_id, tag_id)
             select c, t from unnest(?::uuid[]) c cross join unnest(?::uuid[]) t
             on conflict do nothing returning 1)
     select count(*)::int as count from added`,
    [pgArray(clientIds), pgArray(tagIds)],
  );
  return count;
}

/** Takes the tags off the clients; returns how many links went. */
export async function removeTagsFromClients(
  sql: SqlRunner,
  clientIds: string[],
  tagIds: string[],
): Promise<number> {
  const [{ count }] = await sql<{ count: number }[]>(
    `with removed as (delete from client_tag where client_id = any(?::uuid[]) and tag_id = any(?::uuid[]) returning 1)
     select count(*)::int as count from removed`,
    [pgArray(clientIds), pgArray(tagIds)],
  );
  return count;
}

export async function touchClients(sql: SqlRunner, ids: string[]): Promise<void> {
  await sql('update client set updated_at = now() where id = any(?::uuid[])', [pgArray(ids)]);
}

/** The tags' names, by name. */
export function findTagNames(
  sql: SqlRunner,
  tagIds: string[],
): Promise<{ id: string; name: string }[]> {
  return sql<{ id: string; name: string }[]>(
    'select id, name from tag where id = any(?::uuid[]) order by lower(name)',
    [pgArray(tagIds)],
  );
}

/** What a client's row shows beside its own columns. */
export interface ClientExtras {
  client_id: string;
  /** By name. */
  tags: TagChip[];
  /** With its pending invitation. */
  primary: PrimaryContact | null;
}

/** The clients' tag chips and primary contacts, in one round trip. */
export function findClientExtras(sql: SqlRunner, clientIds: string[]): Promise<ClientExtras[]> {
  return sql<ClientExtras[]>(
    `select c.id as client_id,
       coalesce((select json_agg(json_build_object('id', t.id, 'name', t.name, 'color', t.color)
                   order by lower(t.name))
                 from client_tag ct join tag t on t.id = ct.tag_id where ct.client_id = c.id),
         '[]') as tags,
       (select json_build_object('id', ct.id, 'email', ct.email, 'invitationId', i.id)
          from client_contact cc join contact ct on ct.id = cc.contact_id
          left join invitation i on i.contact_id = ct.id and i.status = 'pending'
          where cc.is_primary and cc.client_id = c.id) as "primary"
     from unnest(?::uuid[]) as c(id)`,
    [pgArray(clientIds)],
  );
}
