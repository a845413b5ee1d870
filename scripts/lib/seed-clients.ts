import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { TAG_PALETTE } from '../../server/modules/tags/tag-palette';

const FIRST = [
  'Ada',
  'Alan',
  'Grace',
  'Edsger',
  'Barbara',
  'Donald',
  'Margaret',
  'Ken',
  'Radia',
  'Linus',
  'Frances',
  'John',
  'Sophie',
  'Tim',
  'Hedy',
  'Dennis',
];
const LAST = [
  'Lovelace',
  'Turing',
  'Hopper',
  'Dijkstra',
  'Liskov',
  'Knuth',
  'Hamilton',
  'Thompson',
  'Perlman',
  'Torvalds',
  'Allen',
  'Backus',
  'Wilson',
  'Berners-Lee',
  'Lamarr',
  'Ritchie',
  'Smith',
  'Garcia',
  'Nguyen',
  'Okafor',
];
/** Surnames of one client in about a thousand: the rare matches a type-ahead search finds. */
const RARE_LAST = ['Quigley', 'Zielinski', 'Quartermaine', 'Vukovic'];
const RARE_EVERY = 997;
const CITIES = [
  ['Austin', 'TX'],
  ['Denver', 'CO'],
  ['Boston', 'MA'],
  ['Seattle', 'WA'],
  ['Miami', 'FL'],
  ['Chicago', 'IL'],
];
const TAG_NAMES = [
  '1040',
  'Business',
  'VIP',
  'Extension filed',
  'Payroll',
  'Bookkeeping',
  'Non-profit',
  'Trust',
  'New client',
  'Quarterly',
  'Audit',
  'Prospect',
];
const PORTAL = [
  'not_invited',
  'not_invited',
  'not_invited',
  'invited',
  'invited',
  'accepted',
  'accepted',
  'accepted',
  'expired',
  'bounced',
];

/** Deterministic pseudo-random numbers, so two seeded databases look alike. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

const tsv = (values: (string | null)[]) =>
  values
    .map((v) =>
      v === null
        ? '\\N'
        : v.replace(
            /[\\\t\n\r]/g,
            (c) => `\\${c === '\t' ? 't' : c === '\n' ? 'n' : c === '\r' ? 'r' : '\\'}`,
          ),
    )
    .join('\t') + '\n';

function* clientRows(
  count: number,
  offset: number,
  tagIds: string[],
  links: string[][],
): Generator<string> {
  const random = rng(42);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  for (let i = 0; i < count; i++) {
    const id = randomUUID();
    const business = random() < 0.2;
    const offline = random() < 0.1;
    const first = business ? null : pick(FIRST);
    const drawn = business ? null : pick(LAST);
    const last =
      drawn && i % RARE_EVERY === 0 ? RARE_LAST[(i / RARE_EVERY) % RARE_LAST.length] : drawn;
    const company = business
      ? `${pick(LAST)} ${pick(['LLC', 'Inc', 'Partners', 'Holdings'])} ${i}`
      : null;
    const [city, state] = pick(CITIES);
    const n = String(offset + i).padStart(7, '0');
    const display = company ?? `${first} ${last}`;
    const email = `${(first ?? 'office').toLowerCase()}.${(last ?? 'co').toLowerCase()}.${n}@example.com`;
    const portal = offline ? 'not_invited' : pick(PORTAL);
    const connection = offline ? 'offline' : portal === 'accepted' ? 'connected' : 'not_connected';
    const tags = new Set<string>();
    for (let k = Math.floor(random() * 4); k > 0; k--) tags.add(pick(tagIds));
    for (const tag of tags) links.push([id, tag]);
    yield tsv([
      id,
      offline ? 'offline' : 'standard',
      first,
      last,
      company,
      display,
      email,
      `+1 555 ${n}`,
      `${1 + (i % 9999)} Main St`,
      city,
      state,
      String(10000 + (i % 89999)),
      `TX-${n}`,
      connection,
      portal,
      `{${[...tags].sort().join(',')}}`,
    ]);
  }
}

export interface SeedResult {
  links: number;
  tags: number;
  /** Clients in the database afterwards. */
  total: number;
}

/**
 * Bulk-loads `count` synthetic clients and their tags with COPY in one transaction, then
 * vacuums and analyses (which also sets the visibility map, so counts can use index-only
 * scans right away). Numbering continues after existing rows, so seeding twice never collides
 * on Tax Client IDs.
 */
export async function seedClients(pg: Client, count: number): Promise<SeedResult> {
  try {
    await pg.query('begin');
    const colours = Object.values(TAG_PALETTE);
    const tagIds: string[] = [];
    for (const [i, name] of TAG_NAMES.entries()) {
      const { rows } = await pg.query<{ id: string }>(
        `insert into tag (id, name, color) values ($1, $2, $3)
         on conflict (lower(name)) do update set name = tag.name returning id`,
        [randomUUID(), name, colours[i % colours.length]],
      );
      tagIds.push(rows[0].id);
    }
    const {
      rows: [{ n: before }],
    } = await pg.query<{ n: number }>('select count(*)::int n from client');
    const links: string[][] = [];
    await pipeline(
      Readable.from(clientRows(count, before, tagIds, links)),
      pg.query(
        copyFrom(`copy client (id, type, first_name, last_name, company_name, display_name, email, phone,
        street, city, state, postal_code, tax_client_id, connection_status, portal_status, tag_ids) from stdin`),
      ),
    );
    // The clients carry their tags' ids already, so the trigger on client_tag rewrites none.
    await pipeline(
      Readable.from(links.map((l) => tsv(l))),
      pg.query(copyFrom('copy client_tag (client_id, tag_id) from stdin')),
    );
    await pg.query('commit');
    await pg.query('vacuum analyze client, client_tag, tag');
    return { links: links.length, tags: tagIds.length, total: before + count };
  } catch (e) {
    await pg.query('rollback').catch(() => undefined);
    throw e;
  }
}

export interface PeopleSeedResult {
  contacts: number;
  invitations: number;
  twins: number;
}

/**
 * When a contact (`ct`) was invited: a pending invitation within its fortnight, an ended one
 * when the contact last changed (accepted, revoked, bounced) or a fortnight before (expired).
 */
const INVITED_AT = `case ct.portal_status
    when 'invited' then now() - (abs(hashtext(ct.id::text)) % 300) * interval '1 hour'
    when 'expired' then ct.updated_at - interval '14 days'
    else ct.updated_at - interval '1 day' end`;

/**
 * What a firm's database holds around its clients, for the list benchmarks: a primary contact
 * per standard client not seeded before (its portal status the client's; added over three
 * years, and last changed when it was invited, if it was), an invitation in the state that
 * status implies (pending, accepted, expired, revoked, bounced), and an offline twin
 * (connection status `duplicate`, same names, email and Tax Client ID) of one client in twenty.
 */
export async function seedPeople(pg: Client): Promise<PeopleSeedResult> {
  try {
    await pg.query('begin');
    const contacts = await pg.query(
      `insert into contact (id, email, first_name, last_name, portal_status, created_at, updated_at)
       select gen_random_uuid(), c.email, coalesce(c.first_name, 'Office'),
              coalesce(c.last_name, c.company_name), c.portal_status, a.added,
              case when c.portal_status = 'not_invited' then a.added
                   else least(now(), a.added + (abs(hashtext(c.id::text || 'i')) % 2000) * interval '1 hour') end
       from client c
       cross join lateral (select now() - (abs(hashtext(c.id::text)) % 1095) * interval '1 day' as added) a
       where c.type = 'standard' and c.email is not null
         and not exists (select 1 from client_contact cc where cc.client_id = c.id)
       on conflict do nothing`,
    );
    await pg.query(
      `insert into client_contact (client_id, contact_id, is_primary)
       select c.id, ct.id, true from client c join contact ct on lower(ct.email) = lower(c.email)
       where c.type = 'standard'
         and not exists (select 1 from client_contact cc where cc.client_id = c.id)`,
    );
    const invitations = await pg.query(
      `insert into invitation (id, contact_id, sender_email, status, max_reminders,
         reminder_interval_seconds, expiry_seconds, created_at, expires_at, workflow_id,
         accepted_at, ended_at)
       select gen_random_uuid(), ct.id, 'office@firm.example', s.status, 3, 259200, 1209600,
              invited.at, invited.at + interval '14 days', 'invitation-' || ct.id,
              case when s.status = 'accepted' then ct.updated_at end,
              case when s.status <> 'pending' then ct.updated_at end
       from contact ct
       join (values ('invited', 'pending'), ('accepted', 'accepted'), ('expired', 'expired'),
                    ('revoked', 'revoked'), ('bounced', 'bounced')) s (portal, status)
         on s.portal = ct.portal_status
       cross join lateral (select ${INVITED_AT} as at) invited
       where not exists (select 1 from invitation i where i.contact_id = ct.id)`,
    );
    const twins = await pg.query(
      `insert into client (id, type, first_name, last_name, company_name, display_name, email,
         tax_client_id, connection_status, portal_status)
       select gen_random_uuid(), 'offline', first_name, last_name, company_name, display_name,
              email, tax_client_id, 'duplicate', 'not_invited'
       from client c
       where c.type = 'standard' and hashtext(c.id::text) % 20 = 0
         and not exists (select 1 from client t where t.type = 'offline'
                         and t.connection_status = 'duplicate' and t.tax_client_id = c.tax_client_id)`,
    );
    await pg.query('commit');
    await pg.query('vacuum analyze client, contact, client_contact, invitation');
    return {
      contacts: contacts.rowCount ?? 0,
      invitations: invitations.rowCount ?? 0,
      twins: twins.rowCount ?? 0,
    };
  } catch (e) {
    await pg.query('rollback').catch(() => undefined);
    throw e;
  }
}
