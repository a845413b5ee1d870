import { loadavg } from 'node:os';
import { Client } from 'pg';
import { createApp } from '../server/app.factory';
import type { ClientFilter, ClientSortField } from '../server/modules/clients/clients.schemas';
import { CLIENT_SORTABLE } from '../server/modules/clients/clients.schemas';
import {
  CONTACT_SORTABLE,
  type ContactFilter,
  type ContactSortField,
} from '../server/modules/contacts/contacts.schemas';
import {
  BENCH_ADMIN,
  benchConfig,
  prepareBenchDatabase,
  startBenchServices,
  type BenchServices,
} from './lib/bench-stack';
import { numberOption, readArgs } from './lib/cli-args';
import { createDatabase } from './lib/pg-admin';
import { seedClients, seedPeople } from './lib/seed-clients';

// Its own ports: bench:import uses 54361/7263, bench:invite 54389/7293, bench:campaign 54489/7393.
const PORTS = { postgres: 54399, temporal: 7303 };

interface Scenario {
  name: string;
  resource?: 'contacts';
  sort: [ClientSortField | ContactSortField, 'ASC' | 'DESC'];
  filter: Partial<ClientFilter> | Partial<ContactFilter>;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

/**
 * Runs `task` up to `total` times with `concurrency` in flight, taking no new one after
 * `budgetMs`; returns each duration in ms, sorted.
 */
async function measure(
  total: number,
  concurrency: number,
  task: () => Promise<void>,
  budgetMs = Infinity,
): Promise<number[]> {
  const times: number[] = [];
  const until = performance.now() + budgetMs;
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next++ < total && performance.now() < until) {
        const start = performance.now();
        await task();
        times.push(performance.now() - start);
      }
    }),
  );
  return times.sort((a, b) => a - b);
}

/** The seeded database, kept between runs (seeding a million clients takes minutes). */
async function seededDatabase(services: BenchServices, clients: number): Promise<string> {
  const url = await createDatabase(services.postgres.url, `list_bench_${clients}`);
  await prepareBenchDatabase(benchConfig(services, url, 'bench-list'));
  const pg = new Client({ connectionString: url });
  await pg.connect();
  try {
    const [{ n }] = (await pg.query<{ n: number }>('select count(*)::int n from client')).rows;
    if (n < clients) {
      const t0 = performance.now();
      await seedClients(pg, clients - n);
      const people = await seedPeople(pg);
      console.log(
        `seeded ${clients - n} clients, ${people.contacts} contacts, ${people.invitations} invitations, ` +
          `${people.twins} offline twins in ${((performance.now() - t0) / 1000).toFixed(0)} s`,
      );
    }
  } finally {
    await pg.end();
  }
  return url;
}

/**
 * The matrix people actually type, from the seeded names and emails: type-ahead terms of 1 to 4
 * letters (common and rare, some clustered in one corner of the sort order), Tax Client ID
 * prefixes, tags any/all/none, every status, every sort both ways, and combinations.
 */
function clientScenarios(tags: string[]): Scenario[] {
  const byName: Scenario['sort'] = ['displayName', 'ASC'];
  const terms = [
    'a',
    'y',
    'sm',
    'ed',
    'smi',
    'lov',
    'ada',
    'smit',
    'hedy',
    'exam',
    'TX-00',
    'TX-0012',
  ];
  const scenarios: Scenario[] = [];
  for (const q of terms) {
    scenarios.push({ name: `q "${q}"`, sort: byName, filter: { q } });
    scenarios.push({ name: `q "${q}", last name`, sort: ['lastName', 'ASC'], filter: { q } });
    scenarios.push({ name: `q "${q}", last name desc`, sort: ['lastName', 'DESC'], filter: { q } });
  }
  scenarios.push(
    { name: 'one tag', sort: byName, filter: { tagIds: [tags[0]] } },
    { name: 'two tags, any', sort: byName, filter: { tagIds: tags.slice(0, 2) } },
    { name: 'two tags, all', sort: byName, filter: { tagIds: tags.slice(0, 2), tagMode: 'all' } },
    { name: 'not tagged', sort: byName, filter: { excludeTagIds: [tags[0]] } },
  );
  for (const portalStatus of ['not_invited', 'invited', 'accepted', 'expired', 'bounced'] as const)
    scenarios.push({
      name: `portal ${portalStatus}`,
      sort: byName,
      filter: { portalStatus: [portalStatus] },
    });
  for (const connectionStatus of ['not_connected', 'connected', 'offline', 'duplicate'] as const)
    scenarios.push({
      name: `connection ${connectionStatus}`,
      sort: byName,
      filter: { connectionStatus: [connectionStatus] },
    });
  scenarios.push({ name: 'type offline', sort: byName, filter: { type: ['offline'] } });
  for (const field of CLIENT_SORTABLE)
    for (const order of ['ASC', 'DESC'] as const)
      scenarios.push({ name: `sort ${field} ${order}`, sort: [field, order], filter: {} });
  scenarios.push(
    { name: 'q "smi" + tag', sort: ['lastName', 'ASC'], filter: { q: 'smi', tagIds: [tags[1]] } },
    {
      name: 'q "smi" + invited',
      sort: ['email', 'DESC'],
      filter: { q: 'smi', portalStatus: ['invited'] },
    },
    {
      name: 'tag + accepted, email desc',
      sort: ['email', 'DESC'],
      filter: { tagIds: [tags[2]], portalStatus: ['accepted'] },
    },
    {
      name: 'q "ada" + not tagged',
      sort: ['createdAt', 'DESC'],
      filter: { q: 'ada', excludeTagIds: [tags[0]] },
    },
  );
  return scenarios;
}

/** The same for the contact list: terms, statuses, a client, tags, every sort both ways. */
function contactScenarios(tags: string[], clientId: string): Scenario[] {
  const byName: Scenario['sort'] = ['displayName', 'ASC'];
  const scenarios: Scenario[] = [];
  for (const q of ['a', 'sm', 'smi', 'ada', 'smit', 'exam']) {
    scenarios.push({ name: `contacts q "${q}"`, sort: byName, filter: { q } });
    scenarios.push({ name: `contacts q "${q}", email`, sort: ['email', 'ASC'], filter: { q } });
    scenarios.push({
      name: `contacts q "${q}", email desc`,
      sort: ['email', 'DESC'],
      filter: { q },
    });
  }
  for (const portalStatus of ['not_invited', 'invited', 'accepted', 'revoked'] as const)
    scenarios.push({
      name: `contacts portal ${portalStatus}`,
      sort: byName,
      filter: { portalStatus: [portalStatus] },
    });
  scenarios.push(
    { name: 'contacts of a client', sort: byName, filter: { clientId } },
    { name: 'contacts, one tag', sort: byName, filter: { tagIds: [tags[0]] } },
  );
  for (const field of CONTACT_SORTABLE)
    for (const order of ['ASC', 'DESC'] as const)
      scenarios.push({ name: `contacts sort ${field} ${order}`, sort: [field, order], filter: {} });
  return scenarios.map((sc) => ({ ...sc, resource: 'contacts' }));
}

/**
 * p50/p95/p99 of client list pages (25 rows, first page and page 40) through the API on
 * `--clients` seeded clients (default 1,000,000), at each `--concurrency` (default 1,10; twice the requests above 1; a page stops
 * after `--budget` ms, default 3000), then
 * the scans of every index: `npm run bench:list -- --clients 1000000 --requests 40`.
 * The load comes from this process, which also runs the API (as one node would).
 */
async function main(): Promise<void> {
  const args = readArgs({
    clients: { type: 'string' },
    requests: { type: 'string' },
    concurrency: { type: 'string' },
    only: { type: 'string' },
    budget: { type: 'string' },
  });
  const budgetMs = numberOption(args, 'budget', 3000);
  const clients = numberOption(args, 'clients', 1_000_000);
  const requests = numberOption(args, 'requests', 40);
  const levels = String(args.concurrency ?? '1,10')
    .split(',')
    .map((c) => numberOption({ concurrency: c }, 'concurrency', 1));
  const services = await startBenchServices('bench-list', PORTS);
  try {
    const url = await seededDatabase(services, clients);
    const app = await createApp(benchConfig(services, url, 'bench-list'));
    await app.listen(0, '127.0.0.1');
    const api = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    const pg = new Client({ connectionString: url });
    await pg.connect();
    try {
      const login = await fetch(`${api}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(BENCH_ADMIN),
      });
      const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
      const get = async (path: string) => {
        const res = await fetch(`${api}${path}`, { headers: { cookie } });
        if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
        await res.arrayBuffer();
        return res;
      };
      const tags = (
        await pg.query<{ id: string }>('select id from tag order by lower(name)')
      ).rows.map((r) => r.id);
      const only = args.only ? new RegExp(String(args.only)) : null;
      const [{ id: clientId }] = (
        await pg.query<{ id: string }>('select client_id as id from client_contact limit 1')
      ).rows;
      const scenarios = [...clientScenarios(tags), ...contactScenarios(tags, clientId)].filter(
        (s) => !only || only.test(s.name),
      );
      await pg.query('select pg_stat_reset()');
      console.log(
        `Client and contact lists: ${clients} clients, ${scenarios.length} scenarios x 2 pages, ${requests} requests each; load ${loadavg()
          .map((l) => l.toFixed(2))
          .join(' ')}`,
      );
      for (const concurrency of levels) {
        console.log(`\nconcurrency ${concurrency}`);
        console.log(`${'scenario'.padEnd(40)}    p50 ms   p95 ms   p99 ms     n  total`);
        const worst = { p95: 0, name: '' };
        for (const s of scenarios) {
          for (const [page, start] of [
            [1, 0],
            [40, 975],
          ]) {
            const path = `/api/${s.resource ?? 'clients'}?sort=${encodeURIComponent(JSON.stringify(s.sort))}&range=[${start},${start + 24}]&filter=${encodeURIComponent(JSON.stringify(s.filter))}`;
            const first = await get(path);
            const total = `${first.headers.get('x-total-estimated') ? '~' : ''}${first.headers.get('content-range')?.split('/')[1]}`;
            const call = async () => void (await get(path));
            await measure(concurrency, concurrency, call); // warm-up
            const times = await measure(
              concurrency > 1 ? requests * 2 : requests,
              concurrency,
              call,
              budgetMs,
            );
            const [p50, p95, p99] = [50, 95, 99].map((p) => percentile(times, p));
            const name = `${s.name}, page ${page}`;
            if (p95 > worst.p95) Object.assign(worst, { p95, name });
            console.log(
              `${name.padEnd(40)} ${[p50, p95, p99].map((n) => n.toFixed(1).padStart(8)).join(' ')} ${String(times.length).padStart(5)}  ${total}`,
            );
          }
        }
        console.log(
          `worst p95 at concurrency ${concurrency}: ${worst.p95.toFixed(1)} ms (${worst.name}); load ${loadavg()
            .map((l) => l.toFixed(2))
            .join(' ')}`,
        );
      }
      const indexes = await pg.query<{ table: string; index: string; scans: number }>(
        `select relname as table, indexrelname as index, idx_scan::int as scans
         from pg_stat_user_indexes where relname in ('client', 'client_tag', 'contact', 'client_contact', 'invitation')
         order by relname, idx_scan desc`,
      );
      console.log('\nindex scans during the bench (pg_stat_user_indexes)');
      for (const r of indexes.rows)
        console.log(`${r.table.padEnd(16)} ${r.index.padEnd(44)} ${r.scans}`);
    } finally {
      await pg.end();
      await app.close();
    }
  } finally {
    await services.stop();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
