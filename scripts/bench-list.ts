import { Client } from 'pg';
import { loadConfig } from '../server/config/app-config';
import { clientCount, clientOrderBy, clientWhere } from '../server/modules/clients/client-list.sql';
import type { ClientFilter, ClientSortField } from '../server/modules/clients/clients.schemas';
import { numberOption, readArgs } from './lib/cli-args';

interface Scenario {
  name: string;
  sort: [ClientSortField, 'ASC' | 'DESC'];
  filter: Partial<ClientFilter>;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

/** Runs `task` `total` times with `concurrency` in flight; returns each duration in ms, sorted. */
async function measure(
  total: number,
  concurrency: number,
  task: (i: number) => Promise<void>,
): Promise<number[]> {
  const times: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        const i = next++;
        const start = performance.now();
        await task(i);
        times.push(performance.now() - start);
      }
    }),
  );
  return times.sort((a, b) => a - b);
}

async function signIn(url: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!res.ok) throw new Error(`Sign-in as ${email} failed: ${res.status} ${await res.text()}`);
  return (res.headers.get('set-cookie') ?? '').split(';')[0];
}

/** The same two statements the API runs, straight on PostgreSQL: the floor the API is compared with. */
function sqlFloor(pg: Client, s: Scenario): () => Promise<void> {
  const filter = { tagMode: 'any', ...s.filter } as ClientFilter;
  const where = clientWhere(filter);
  const numbered = (sql: string) => {
    let n = 0;
    return sql.replace(/\?/g, () => `$${++n}`);
  };
  const page = numbered(
    `select c.* from client c ${where.sql} ${clientOrderBy({ field: s.sort[0], order: s.sort[1] })} offset ? limit ?`,
  );
  const count = clientCount(filter);
  return async () => {
    await pg.query(page, [...where.params, 0, 25]);
    await pg.query(numbered(count.sql), count.params);
  };
}

/**
 * p50/p95/p99 of filtered client list pages (25 rows) through the running API, against the
 * same SQL run directly: `npm run bench:list -- --requests 400 --concurrency 1,4`.
 */
async function main(): Promise<void> {
  const args = readArgs({
    url: { type: 'string' },
    email: { type: 'string' },
    password: { type: 'string' },
    requests: { type: 'string' },
    concurrency: { type: 'string' },
  });
  const config = loadConfig();
  const url = String(args.url ?? `http://127.0.0.1:${config.PORT}`);
  const password = args.password ?? config.ADMIN_PASSWORD;
  if (!password)
    throw new Error('Give --password (or ADMIN_PASSWORD) for the staff account to sign in with.');
  const requests = numberOption(args, 'requests', 400);
  const levels = String(args.concurrency ?? '1,4')
    .split(',')
    .map((c) => numberOption({ concurrency: c }, 'concurrency', 1));
  const cookie = await signIn(url, String(args.email ?? config.ADMIN_EMAIL), String(password));
  const get = async (path: string) => {
    const res = await fetch(`${url}${path}`, { headers: { cookie } });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return res;
  };

  const tags = (await (await get('/api/tags?range=[0,99]')).json()) as {
    id: string;
    name: string;
  }[];
  const total = (await get('/api/clients?range=[0,0]')).headers.get('content-range');
  const [vip, business] = [tags[0]?.id, tags[1]?.id];
  const scenarios: Scenario[] = [
    { name: 'first page, by name', sort: ['displayName', 'ASC'], filter: {} },
    { name: 'one tag', sort: ['displayName', 'ASC'], filter: { tagIds: [vip] } },
    {
      name: 'two tags, all',
      sort: ['displayName', 'ASC'],
      filter: { tagIds: [vip, business], tagMode: 'all' },
    },
    { name: 'search "lovelace"', sort: ['displayName', 'ASC'], filter: { q: 'lovelace' } },
    { name: 'search tax id "TX-00500"', sort: ['displayName', 'ASC'], filter: { q: 'TX-00500' } },
    {
      name: 'pending invites, newest',
      sort: ['createdAt', 'DESC'],
      filter: { portalStatus: ['invited'] },
    },
    {
      name: 'offline + tag',
      sort: ['lastName', 'ASC'],
      filter: { type: ['offline'], tagIds: [business] },
    },
  ];

  const pg = new Client({ connectionString: config.DATABASE_URL });
  await pg.connect();
  console.log(`Client list benchmark: ${total}, ${requests} requests per scenario`);
  try {
    for (const concurrency of levels) {
      console.log(`\nconcurrency ${concurrency}`);
      console.log('scenario                      api p50   api p95   api p99    sql p95   api/sql');
      let worst = 0;
      for (const s of scenarios) {
        const qs = `sort=${encodeURIComponent(JSON.stringify(s.sort))}&range=[0,24]&filter=${encodeURIComponent(JSON.stringify(s.filter))}`;
        const call = async () => void (await (await get(`/api/clients?${qs}`)).arrayBuffer());
        await measure(20, concurrency, call); // warm-up
        const api = await measure(requests, concurrency, call);
        const sql = await measure(requests, 1, sqlFloor(pg, s));
        const [p50, p95, p99, floor] = [
          percentile(api, 50),
          percentile(api, 95),
          percentile(api, 99),
          percentile(sql, 95),
        ];
        worst = Math.max(worst, p95);
        const ms = (n: number) => `${n.toFixed(1).padStart(6)} ms`;
        console.log(
          `${s.name.padEnd(28)} ${ms(p50)} ${ms(p95)} ${ms(p99)}  ${ms(floor)}   ${(p95 / floor).toFixed(1)}x`,
        );
      }
      console.log(
        `worst p95 at concurrency ${concurrency}: ${worst.toFixed(1)} ms (target < 50 ms)`,
      );
    }
  } finally {
    await pg.end();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
