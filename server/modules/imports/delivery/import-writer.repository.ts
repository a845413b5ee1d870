import { pgArray } from '@server/database/pg-array';
import type { SqlRunner } from '@server/database/sql-runner';
import { CLIENT_FIELDS, type ClientFields, type RowPlan } from './import-plan';

/*
 * A chunk's writes, one set-based statement per kind of change; each list travels as one
 * array parameter per column.
 */

const COLUMN: Record<(typeof CLIENT_FIELDS)[number], string> = {
  firstName: 'first_name',
  lastName: 'last_name',
  companyName: 'company_name',
  email: 'email',
  phone: 'phone',
  street: 'street',
  city: 'city',
  state: 'state',
  postalCode: 'postal_code',
  taxClientId: 'tax_client_id',
};

/** `?::text[], …`: the parameters of `count` text columns. */
const textArrays = (count: number): string =>
  Array.from({ length: count }, () => `?::text[]`).join(', ');

/** Tags by name; a name taken meanwhile (any case) is left as it is. */
export async function insertTags(
  sql: SqlRunner,
  names: string[],
  colours: string[],
): Promise<void> {
  await sql(
    `insert into tag (id, name, color)
       select gen_random_uuid(), n, c from unnest(?::text[], ?::text[]) as t(n, c)
       on conflict (lower(name)) do nothing`,
    [pgArray(names), pgArray(colours)],
  );
}

/** Lower-cased tag names' ids, for the names that exist. */
export function findTagIdsByKey(
  sql: SqlRunner,
  keys: string[],
): Promise<{ id: string; key: string }[]> {
  return sql<{ id: string; key: string }[]>(
    `select id, lower(name) as key from tag where lower(name) = any(?::text[])`,
    [pgArray(keys)],
  );
}

export interface NewClient {
  id: string;
  type: 'standard' | 'offline';
  displayName: string;
  fields: ClientFields;
}

/**
 * New clients with their tags' ids in `tag_ids`, so the trigger on client_tag finds them there
 * when the links are added and rewrites none of the rows.
 */
export async function insertClients(
  sql: SqlRunner,
  clients: (NewClient & { tagIds: string[] })[],
): Promise<void> {
  const column = (f: keyof ClientFields) => pgArray(clients.map((c) => c.fields[f]));
  await sql(
    `insert into client (id, type, connection_status, display_name, tag_ids, ${CLIENT_FIELDS.map((f) => COLUMN[f]).join(', ')})
       select v.id, v.type, case when v.type = 'offline' then 'offline' else 'not_connected' end, v.display_name,
              v.tag_ids::uuid[], ${CLIENT_FIELDS.map((f) => `v.${COLUMN[f]}`).join(', ')}
       from unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ${textArrays(CLIENT_FIELDS.length)})
         as v(id, type, display_name, tag_ids, ${CLIENT_FIELDS.map((f) => COLUMN[f]).join(', ')})`,
    [
      pgArray(clients.map((c) => c.id)),
      pgArray(clients.map((c) => c.type)),
      pgArray(clients.map((c) => c.displayName)),
      pgArray(clients.map((c) => pgArray([...new Set(c.tagIds)].sort()))),
      ...CLIENT_FIELDS.map(column),
    ],
  );
}

export async function updateClients(
  sql: SqlRunner,
  clients: Omit<NewClient, 'type'>[],
): Promise<void> {
  await sql(
    `update client c set display_name = v.display_name, updated_at = now(),
         ${CLIENT_FIELDS.map((f) => `${COLUMN[f]} = v.${COLUMN[f]}`).join(', ')}
       from unnest(?::uuid[], ?::text[], ${textArrays(CLIENT_FIELDS.length)})
         as v(id, display_name, ${CLIENT_FIELDS.map((f) => COLUMN[f]).join(', ')})
       where c.id = v.id`,
    [
      pgArray(clients.map((c) => c.id)),
      pgArray(clients.map((c) => c.displayName)),
      ...CLIENT_FIELDS.map((f) => pgArray(clients.map((c) => c.fields[f]))),
    ],
  );
}

/** [client id, tag id] pairs; links that exist are kept. */
export async function linkClientTags(
  sql: SqlRunner,
  links: (readonly [string, string])[],
): Promise<void> {
  await sql(
    `insert into client_tag (client_id, tag_id) select * from unnest(?::uuid[], ?::uuid[]) on conflict do nothing`,
    [pgArray(links.map((l) => l[0])), pgArray(links.map((l) => l[1]))],
  );
}

/**
 * Links each contact to its client as an Entity Collaborator, primary if the client is `fresh`
 * (created by this chunk) or has no primary yet; an existing link is kept.
 */
export async function linkPrimaryContacts(
  sql: SqlRunner,
  links: { clientId: string; contactId: string; fresh: boolean }[],
): Promise<void> {
  await sql(
    `insert into client_contact (client_id, contact_id, role, is_primary)
       select v.client_id, v.contact_id, 'contact_collaborator',
              v.fresh or not exists (select 1 from client_contact p where p.client_id = v.client_id and p.is_primary)
       from unnest(?::uuid[], ?::uuid[], ?::boolean[]) as v(client_id, contact_id, fresh)
       on conflict (client_id, contact_id) do nothing`,
    [
      pgArray(links.map((l) => l.clientId)),
      pgArray(links.map((l) => l.contactId)),
      pgArray(links.map((l) => String(l.fresh))),
    ],
  );
}

/** Inserts the contacts whose email is new; returns those inserted (lower-cased email → id). */
export function insertContacts(
  sql: SqlRunner,
  contacts: { id: string; fields: ClientFields }[],
): Promise<{ id: string; key: string }[]> {
  return sql<{ id: string; key: string }[]>(
    `insert into contact (id, email, first_name, last_name, phone)
       select * from unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[])
       on conflict (lower(email)) do nothing
       returning id, lower(email) as key`,
    [
      pgArray(contacts.map((c) => c.id)),
      pgArray(contacts.map((c) => c.fields.email)),
      pgArray(contacts.map((c) => c.fields.firstName)),
      pgArray(contacts.map((c) => c.fields.lastName)),
      pgArray(contacts.map((c) => c.fields.phone)),
    ],
  );
}

/** Contacts by lower-cased email. */
export function findContactIdsByKey(
  sql: SqlRunner,
  keys: string[],
): Promise<{ id: string; key: string }[]> {
  return sql<{ id: string; key: string }[]>(
    `select id, lower(email) as key from contact where lower(email) = any(?::text[])`,
    [pgArray(keys)],
  );
}

export interface OutcomeRecord {
  seq: number;
  outcome: RowPlan['outcome'];
  comment: string;
  clientId: string | null;
  /** JSON of what an update replaced. */
  previous: string | null;
}

export async function insertRowOutcomes(
  sql: SqlRunner,
  importId: string,
  outcomes: OutcomeRecord[],
): Promise<void> {
  await sql(
    `insert into import_row_outcome (import_id, seq, outcome, comment, client_id, previous)
       select ?, * from unnest(?::int[], ?::text[], ?::text[], ?::uuid[], ?::jsonb[])`,
    [
      importId,
      pgArray(outcomes.map((o) => String(o.seq))),
      pgArray(outcomes.map((o) => o.outcome)),
      pgArray(outcomes.map((o) => o.comment)),
      pgArray(outcomes.map((o) => o.clientId)),
      pgArray(outcomes.map((o) => o.previous)),
    ],
  );
}

/**
 * Fresh planner statistics for the tables an import writes in bulk. ANALYZE reads a fixed
 * sample, about 30,000 rows a table, so it costs the same at any size.
 */
export async function analyzeImportedTables(sql: SqlRunner): Promise<void> {
  await sql('analyze client, contact, client_contact, client_tag');
}
