import { Client } from 'pg';
import { CLIENT_SORTABLE } from '../server/modules/clients/clients.schemas';
import { CONTACT_SORTABLE } from '../server/modules/contacts/contacts.schemas';
import {
  BENCH_ADMIN,
  benchConfig,
  prepareBenchDatabase,
  startBenchServices,
} from './lib/bench-stack';
import { numberOption, readArgs } from './lib/cli-args';
import {
  benchListMatrix,
  both,
  listenSignedIn,
  MATRIX_OPTIONS,
  type ListScenario,
  type SignedInApi,
} from './lib/list-matrix';
import { createDatabase } from './lib/pg-admin';
import { seedClients, seedPeople } from './lib/seed-clients';

// Its own ports: bench:import uses 54361/7263, bench:invite 54389/7293, bench:campaign 54489/7393.
const PORTS = { postgres: 54399, temporal: 7303 };
const TABLES = ['client', 'client_tag', 'tag', 'contact', 'client_contact', 'invitation'];

/** Seeds the clients missing (kept between runs: a million take minutes), then their people. */
async function seed(pg: Client, clients: number): Promise<void> {
  const [{ n }] = (await pg.query<{ n: number }>('select count(*)::int n from client')).rows;
  if (n >= clients) return;
  const t0 = performance.now();
  await seedClients(pg, clients - n);
  const people = await seedPeople(pg);
  console.log(
    `seeded ${clients - n} clients, ${people.contacts} contacts, ${people.invitations} invitations, ` +
      `${people.twins} offline twins in ${((performance.now() - t0) / 1000).toFixed(0)} s`,
  );
}

/**
 * Type-ahead terms as people type them, from the seeded names and emails: 1 to 4 letters of
 * common names (some clustered in one corner of the sort order: "smi" sits at S), of rare
 * surnames (about one client in a thousand), one matching nothing, and Tax Client ID prefixes.
 */
const TERMS = [
  'a',
  'q',
  'sm',
  'zi',
  'smi',
  'qui',
  'lov',
  'smit',
  'quig',
  'hedy',
  'exam',
  'zq',
  'TX-00',
  'TX-0012',
];

/** The client list: every term under three sorts, tags any/all/none, every status, every sort, combinations. */
function clientScenarios(tags: string[]): ListScenario[] {
  const list: ListScenario[] = [];
  const add = (name: string, filter: Record<string, unknown>, sort = both('displayName')[0]) =>
    list.push({ name, resource: 'clients', sort, filter });
  for (const q of TERMS) {
    add(`q "${q}"`, { q });
    for (const sort of both('lastName')) add(`q "${q}", lastName ${sort[1]}`, { q }, sort);
  }
  add('one tag', { tagIds: [tags[0]] });
  add('two tags, any', { tagIds: tags.slice(0, 2) });
  add('two tags, all', { tagIds: tags.slice(0, 2), tagMode: 'all' });
  add('three tags, all', { tagIds: tags.slice(0, 3), tagMode: 'all' });
  add('not tagged', { excludeTagIds: [tags[0]] });
  for (const s of ['not_invited', 'invited', 'accepted', 'expired', 'bounced'])
    add(`portal ${s}`, { portalStatus: [s] });
  for (const s of ['not_connected', 'connected', 'offline', 'duplicate'])
    add(`connection ${s}`, { connectionStatus: [s] });
  add('type offline', { type: ['offline'] });
  for (const field of CLIENT_SORTABLE)
    for (const sort of both(field)) add(`sort ${field} ${sort[1]}`, {}, sort);
  add('q "smi" + tag', { q: 'smi', tagIds: [tags[1]] }, ['lastName', 'ASC']);
  add('q "smi" + invited', { q: 'smi', portalStatus: ['invited'] }, ['email', 'DESC']);
  add('q "qui" + tag', { q: 'qui', tagIds: [tags[1]] }, ['createdAt', 'DESC']);
  add('tag + accepted, email desc', { tagIds: [tags[2]], portalStatus: ['accepted'] }, [
    'email',
    'DESC',
  ]);
  add('q "ada" + not tagged', { q: 'ada', excludeTagIds: [tags[0]] }, ['createdAt', 'DESC']);
  add('duplicate + tag, tax id', { connectionStatus: ['duplicate'], tagIds: [tags[3]] }, [
    'taxClientId',
    'ASC',
  ]);
  return list;
}

/** The contact list: terms, statuses, one client, a tag, every sort both ways. */
function contactScenarios(tags: string[], clientId: string): ListScenario[] {
  const list: ListScenario[] = [];
  const add = (name: string, filter: Record<string, unknown>, sort = both('displayName')[0]) =>
    list.push({ name: `contacts ${name}`, resource: 'contacts', sort, filter });
  for (const q of ['a', 'q', 'sm', 'zi', 'smi', 'qui', 'ada', 'smit', 'quig', 'exam']) {
    add(`q "${q}"`, { q });
    for (const sort of both('email')) add(`q "${q}", email ${sort[1]}`, { q }, sort);
  }
  for (const s of ['not_invited', 'invited', 'accepted', 'revoked'])
    add(`portal ${s}`, { portalStatus: [s] });
  add('of a client', { clientId });
  add('one tag', { tagIds: [tags[0]] });
  for (const field of CONTACT_SORTABLE)
    for (const sort of both(field)) add(`sort ${field} ${sort[1]}`, {}, sort);
  return list;
}

/** The invitation list: every sort both ways, each status, one contact's. */
function invitationScenarios(contactId: string): ListScenario[] {
  const list: ListScenario[] = [];
  const add = (name: string, filter: Record<string, unknown>, sort = both('createdAt')[1]) =>
    list.push({ name: `invitations ${name}`, resource: 'invitations', sort, filter });
  for (const field of ['createdAt', 'expiresAt'])
    for (const sort of both(field)) add(`sort ${field} ${sort[1]}`, {}, sort);
  for (const s of ['pending', 'accepted', 'expired', 'revoked', 'bounced'])
    add(`status ${s}`, { status: [s] });
  add(
    'expired or bounced, expiresAt ASC',
    { status: ['expired', 'bounced'] },
    both('expiresAt')[0],
  );
  add('of a contact', { contactId });
  return list;
}

/** The tag list, with each tag's client count, as the client list's tag filter loads it. */
const tagScenarios = (): ListScenario[] =>
  (['name', 'clientCount'] as const).map((field) => ({
    name: `tags by ${field}`,
    resource: 'tags',
    sort: [field, field === 'name' ? 'ASC' : 'DESC'],
    filter: {},
  }));

/**
 * p50/p95/p99 of client, contact, invitation and tag list pages (25 rows, first page and
 * page 40) through the API on `--clients` seeded clients (default 1,000,000; kept between runs), at each
 * `--concurrency` (default 1,10), `--requests` per page (default 40, twice that above one
 * connection, none started after `--budget` ms), `--only` a regex of scenario names; then the
 * scans of every index: `npm run bench:list -- --clients 1000000`.
 * The load comes from this process, which also runs the API (as one node would).
 */
async function main(): Promise<void> {
  const args = readArgs({
    clients: { type: 'string' },
    ...MATRIX_OPTIONS,
  });
  const clients = numberOption(args, 'clients', 1_000_000);
  const services = await startBenchServices('bench-list', PORTS);
  let pg: Client | undefined;
  let server: SignedInApi | undefined;
  try {
    const url = await createDatabase(services.postgres.url, `list_bench_${clients}`);
    const config = benchConfig(services, url, 'bench-list');
    await prepareBenchDatabase(config);
    pg = new Client({ connectionString: url });
    await pg.connect();
    await seed(pg, clients);
    server = await listenSignedIn(config, BENCH_ADMIN);
    const tags = (await pg.query<{ id: string }>('select id from tag order by lower(name)')).rows;
    const [{ id: clientId }] = (
      await pg.query<{ id: string }>('select client_id as id from client_contact limit 1')
    ).rows;
    const [{ id: contactId }] = (
      await pg.query<{ id: string }>('select contact_id as id from invitation limit 1')
    ).rows;
    const tagIds = tags.map((r) => r.id);
    await benchListMatrix(
      args,
      pg,
      server,
      `Client, contact, invitation and tag lists: ${clients} clients`,
      [
        ...clientScenarios(tagIds),
        ...contactScenarios(tagIds, clientId),
        ...invitationScenarios(contactId),
        ...tagScenarios(),
      ],
      TABLES,
    );
  } finally {
    await pg?.end();
    await server?.close();
    await services.stop();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
