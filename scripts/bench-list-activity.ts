import { Client } from 'pg';
import { EMAIL_STATUSES } from '../server/modules/email/outbox.schemas';
import { EMAIL_KINDS } from '../server/modules/email/outgoing-email';
import {
  FILE_REQUEST_SORTABLE,
  FILE_REQUEST_STATUSES,
} from '../server/modules/file-requests/file-requests.schemas';
import { AUDIT_SORTABLE } from '../server/modules/audit/audit-events.schemas';
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
import { seedAuditEvents, seedFileRequests, seedOutbox } from './lib/seed-activity';
import { seedClients, seedPeople } from './lib/seed-clients';

// Its own ports: bench:list uses 54399/7303, bench:import 54361/7263, bench:campaign 54489/7393.
const PORTS = { postgres: 54409, temporal: 7313 };
const TABLES = ['audit_event', 'email_message', 'file_request', 'file_request_recipient'];

interface Volumes {
  clients: number;
  audit: number;
  outbox: number;
  requests: number;
}

/** A list of scenarios of one resource, each named with `prefix`, sorted by `byDefault` unless said. */
function scenarioList(prefix: string, resource: string, byDefault: ListScenario['sort']) {
  const list: ListScenario[] = [];
  const add = (name: string, filter: Record<string, unknown>, sort = byDefault) =>
    list.push({ name: `${prefix} ${name}`, resource, sort, filter });
  return { list, add };
}

/** Seeds what is missing (kept between runs: ten million events take minutes). */
async function seed(pg: Client, v: Volumes): Promise<void> {
  const count = async (table: string) =>
    (await pg.query<{ n: number }>(`select count(*)::int as n from ${table}`)).rows[0].n;
  const step = async (
    what: string,
    table: string,
    want: number,
    run: (n: number) => Promise<unknown>,
  ) => {
    const missing = want - (await count(table));
    if (missing <= 0) return;
    const t0 = performance.now();
    await run(missing);
    console.log(`seeded ${missing} ${what} in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  };
  await step('clients (and their contacts)', 'client', v.clients, async (n) => {
    await seedClients(pg, n);
    await seedPeople(pg);
  });
  await step('audit events', 'audit_event', v.audit, (n) => seedAuditEvents(pg, n));
  await step('Outbox messages', 'email_message', v.outbox, (n) => seedOutbox(pg, n));
  await step('file requests', 'file_request', v.requests, (n) => seedFileRequests(pg, n));
}

/** Ids the scenarios filter by: busy and quiet clients, actors, a target, a contact. */
async function picks(pg: Client) {
  const one = async (sql: string) => (await pg.query<{ id: string }>(sql)).rows[0].id;
  return {
    // Seeding draws clients and contacts with a skew towards the first in id order.
    busyClient: await one('select id from client order by id limit 1'),
    quietClient: await one('select id from client order by id desc limit 1'),
    staff: await one(`select id from staff_user where email = 'staff1@firm.example'`),
    quietContact: await one('select id from contact order by id desc limit 1'),
    busyRequestClient: await one(
      `select cc.client_id as id from contact ct join client_contact cc on cc.contact_id = ct.id
       order by ct.id limit 1`,
    ),
    busyContact: await one('select id from contact order by id limit 1'),
    target: await one(
      `select target_id as id from audit_event where target_type = 'file' order by at desc limit 1`,
    ),
  };
}

function auditScenarios(p: Awaited<ReturnType<typeof picks>>): ListScenario[] {
  const { list, add } = scenarioList('audit', 'audit-events', ['at', 'DESC']);
  for (const field of AUDIT_SORTABLE)
    for (const sort of both(field)) add(`sort ${sort.join(' ')}`, {}, sort);
  for (const q of ['a', 'ad', 'ada', 'lov', 'smit', 'staff1', 'someone4', 'upload', 'zq'])
    for (const sort of both('at')) add(`q "${q}" ${sort[1]}`, { q }, sort);
  for (const action of ['client.updated', 'invitation.accepted', 'audit.exported'])
    for (const sort of both('at')) add(`action ${action} ${sort[1]}`, { action }, sort);
  add('two actions, by action', { action: ['auth.sign_in', 'auth.sign_in_failed'] }, [
    'action',
    'ASC',
  ]);
  for (const actorType of ['staff', 'contact', 'system', 'anonymous'])
    for (const sort of both('at')) add(`actor type ${actorType} ${sort[1]}`, { actorType }, sort);
  add('a staff member', { actorId: p.staff });
  add('a quiet contact', { actorId: p.quietContact });
  add('target type file_request', { targetType: 'file_request' });
  add('target type client, by action', { targetType: 'client' }, ['action', 'DESC']);
  add('one record', { targetId: p.target });
  for (const sort of [...both('at'), ...both('action')]) {
    add(`busy client ${sort.join(' ')}`, { clientId: p.busyClient }, sort);
    add(`quiet client ${sort.join(' ')}`, { clientId: p.quietClient }, sort);
  }
  const day = 86_400_000;
  const iso = (msAgo: number) => new Date(Date.now() - msAgo).toISOString();
  add('last 7 days', { from: iso(7 * day) });
  add('last 7 days, oldest first', { from: iso(7 * day) }, ['at', 'ASC']);
  add('a month two years ago', { from: iso(730 * day), to: iso(700 * day) });
  add('a month two years ago, by action', { from: iso(730 * day), to: iso(700 * day) }, [
    'action',
    'ASC',
  ]);
  add('busy client, last 30 days', { clientId: p.busyClient, from: iso(30 * day) });
  add('busy client + action', { clientId: p.busyClient, action: 'file.uploaded' });
  add('busy client + q "upl"', { clientId: p.busyClient, q: 'upl' });
  add('anonymous + last 30 days', { actorType: 'anonymous', from: iso(30 * day) }, ['at', 'ASC']);
  add('staff member + action, oldest', { actorId: p.staff, action: 'auth.sign_in' }, ['at', 'ASC']);
  return list;
}

function outboxScenarios(p: Awaited<ReturnType<typeof picks>>): ListScenario[] {
  const { list, add } = scenarioList('outbox', 'outbox', ['createdAt', 'DESC']);
  for (const field of ['createdAt', 'toEmail', 'status'])
    for (const sort of both(field)) add(`sort ${sort.join(' ')}`, {}, sort);
  for (const q of ['a', 'ad', 'ada', 'smit', 'lovelace.00', 'digest', 'zq'])
    for (const sort of [...both('createdAt'), ['toEmail', 'ASC'] as ListScenario['sort']])
      add(`q "${q}" ${sort.join(' ')}`, { q }, sort);
  for (const status of EMAIL_STATUSES)
    for (const sort of both('createdAt'))
      add(`status ${status} ${sort[1]}`, { status: [status] }, sort);
  for (const kind of EMAIL_KINDS) add(`kind ${kind}`, { kind: [kind] });
  add('failed or bounced, by email', { status: ['failed', 'bounced'] }, ['toEmail', 'ASC']);
  add('queued campaigns, oldest first', { status: ['queued'], kind: ['campaign'] }, [
    'createdAt',
    'ASC',
  ]);
  add('a contact', { contactId: p.busyContact });
  add('a contact, by status', { contactId: p.busyContact }, ['status', 'ASC']);
  return list;
}

function fileRequestScenarios(p: Awaited<ReturnType<typeof picks>>): ListScenario[] {
  const { list, add } = scenarioList('requests', 'file-requests', ['lastActivityAt', 'DESC']);
  for (const field of FILE_REQUEST_SORTABLE)
    for (const sort of both(field)) add(`sort ${sort.join(' ')}`, {}, sort);
  for (const q of ['b', 'ba', 'ban', 'bank', 'donat', 'w-2', 'zq'])
    for (const sort of [...both('lastActivityAt'), ['subject', 'ASC'] as ListScenario['sort']])
      add(`q "${q}" ${sort.join(' ')}`, { q }, sort);
  for (const status of FILE_REQUEST_STATUSES)
    for (const sort of [...both('dueAt'), ['lastActivityAt', 'DESC'] as ListScenario['sort']])
      add(`status ${status} ${sort.join(' ')}`, { status }, sort);
  for (const overdue of [true, false])
    for (const sort of [...both('dueAt'), ['subject', 'ASC'] as ListScenario['sort']])
      add(`overdue ${overdue} ${sort.join(' ')}`, { overdue }, sort);
  for (const sort of [...both('lastActivityAt'), ...both('dueAt')]) {
    add(`busy client ${sort.join(' ')}`, { clientId: p.busyRequestClient }, sort);
    add(`quiet client ${sort.join(' ')}`, { clientId: p.quietClient }, sort);
  }
  add('a contact', { contactId: p.busyContact });
  add('open + q "bank", due first', { status: ['open'], q: 'bank' }, ['dueAt', 'ASC']);
  return list;
}

/**
 * p50/p95/p99 of the audit trail, Outbox and file-request list pages (25 rows, first page and
 * page 40) through the API, on `--clients` clients (default 100,000) with `--audit` events
 * (default 10,000,000), `--outbox` messages (default 500,000) and `--file-requests` file requests
 * (default 300,000), at each `--concurrency` (default 1,10), `--requests` per page
 * (default 40, twice above one connection, within `--budget` ms, default 3000); then the scans
 * of every index: `npm run bench:list-activity -- --only audit`.
 */
async function main(): Promise<void> {
  const args = readArgs({
    clients: { type: 'string' },
    audit: { type: 'string' },
    outbox: { type: 'string' },
    'file-requests': { type: 'string' },
    ...MATRIX_OPTIONS,
  });
  const volumes: Volumes = {
    clients: numberOption(args, 'clients', 100_000),
    audit: numberOption(args, 'audit', 10_000_000),
    outbox: numberOption(args, 'outbox', 500_000),
    requests: numberOption(args, 'file-requests', 300_000),
  };
  const services = await startBenchServices('bench-list-activity', PORTS);
  let pg: Client | undefined;
  let server: SignedInApi | undefined;
  try {
    const name = `activity_${volumes.clients}_${volumes.audit}_${volumes.outbox}_${volumes.requests}`;
    const config = benchConfig(
      services,
      await createDatabase(services.postgres.url, name),
      'bench-list-activity',
    );
    await prepareBenchDatabase(config);
    pg = new Client({ connectionString: config.DATABASE_URL });
    await pg.connect();
    await seed(pg, volumes);
    server = await listenSignedIn(config, BENCH_ADMIN);
    const p = await picks(pg);
    await benchListMatrix(
      args,
      pg,
      server,
      `Audit trail, Outbox and file requests: ${JSON.stringify(volumes)}`,
      [...auditScenarios(p), ...outboxScenarios(p), ...fileRequestScenarios(p)],
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
