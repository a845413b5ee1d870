import { loadavg } from 'node:os';
import type { Client } from 'pg';
import { numberOption } from './cli-args';
import { createApp } from '../../server/app.factory';
import type { AppConfig } from '../../server/config/env.schema';

export interface SignedInApi {
  /** Base URL of the API and the session cookie it answers to. */
  api: string;
  cookie: string;
  close(): Promise<void>;
}

/** The API in this process (as one node would run it), signed in as `user`. */
export async function listenSignedIn(
  config: AppConfig,
  user: { email: string; password: string },
): Promise<SignedInApi> {
  const app = await createApp(config);
  await app.listen(0, '127.0.0.1');
  const api = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  const login = await fetch(`${api}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(user),
  });
  if (!login.ok) throw new Error(`sign-in: ${login.status} ${await login.text()}`);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
  return { api, cookie, close: () => app.close() };
}

/** One request of the matrix: a list page as the console asks for it. */
export interface ListScenario {
  name: string;
  resource: string;
  sort: [string, 'ASC' | 'DESC'];
  filter: Record<string, unknown>;
}

/** A field's sort in both directions. */
export const both = (field: string) =>
  (['ASC', 'DESC'] as const).map((order) => [field, order] as ListScenario['sort']);

export interface MatrixOptions extends Omit<SignedInApi, 'close'> {
  /** Requests per page at one connection (twice as many above one). */
  requests: number;
  levels: number[];
  /** No new request for a page after this many ms. */
  budgetMs: number;
}

export const loadAverage = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

/** Durations (ms, sorted) of up to `total` runs of `task`, `concurrency` at a time, within `budgetMs`. */
async function timeRuns(
  total: number,
  concurrency: number,
  budgetMs: number,
  task: () => Promise<void>,
): Promise<number[]> {
  const times: number[] = [];
  const until = performance.now() + budgetMs;
  let started = 0;
  const lane = async () => {
    for (; started < total && performance.now() < until; started++) {
      const t0 = performance.now();
      await task();
      times.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  return times.sort((a, b) => a - b);
}

/**
 * Every scenario's first page and page 40 (25 rows) at each concurrency: p50/p95/p99, the
 * number of requests and the total the API sent (`~` when estimated), then the worst p95.
 * Returns the worst per concurrency.
 */
export async function runListMatrix(
  scenarios: ListScenario[],
  o: MatrixOptions,
): Promise<{ concurrency: number; p95: number; name: string }[]> {
  const get = async (path: string) => {
    const res = await fetch(`${o.api}${path}`, { headers: { cookie: o.cookie } });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    await res.arrayBuffer();
    return res;
  };
  const worstByLevel = [];
  for (const concurrency of o.levels) {
    console.log(`\nconcurrency ${concurrency}`);
    console.log(`${'scenario'.padEnd(52)}    p50 ms   p95 ms   p99 ms     n  total`);
    const worst = { concurrency, p95: 0, name: '' };
    for (const s of scenarios) {
      for (const [page, start] of [
        [1, 0],
        [40, 975],
      ]) {
        const path = `/api/${s.resource}?sort=${encodeURIComponent(JSON.stringify(s.sort))}&range=[${start},${start + 24}]&filter=${encodeURIComponent(JSON.stringify(s.filter))}`;
        const first = await get(path);
        const total = `${first.headers.get('x-total-estimated') ? '~' : ''}${first.headers.get('content-range')?.split('/')[1]}`;
        const call = async () => void (await get(path));
        await timeRuns(concurrency, concurrency, Infinity, call); // warm-up
        const runs = concurrency > 1 ? o.requests * 2 : o.requests;
        const times = await timeRuns(runs, concurrency, o.budgetMs, call);
        const [p50, p95, p99] = [50, 95, 99].map((p) => percentile(times, p));
        const name = `${s.name}, page ${page}`;
        if (p95 > worst.p95) Object.assign(worst, { p95, name });
        console.log(
          `${name.padEnd(52)} ${[p50, p95, p99].map((n) => n.toFixed(1).padStart(8)).join(' ')} ${String(times.length).padStart(5)}  ${total}`,
        );
      }
    }
    console.log(
      `worst p95 at concurrency ${concurrency}: ${worst.p95.toFixed(1)} ms (${worst.name}); load ${loadAverage()}`,
    );
    worstByLevel.push(worst);
  }
  return worstByLevel;
}

/** Scans of every index of `tables` since the statistics were last reset. */
export async function printIndexScans(pg: Client, tables: string[]): Promise<void> {
  const { rows } = await pg.query<{ table: string; index: string; scans: number; mb: number }>(
    `select relname as table, indexrelname as index, idx_scan::int as scans,
       pg_relation_size(indexrelid) / 1048576 as mb
     from pg_stat_user_indexes where relname = any($1) order by relname, idx_scan desc`,
    [tables],
  );
  console.log('\nindex scans during the bench (pg_stat_user_indexes)');
  for (const r of rows)
    console.log(
      `${r.table.padEnd(24)} ${r.index.padEnd(44)} ${String(r.scans).padStart(8)}  ${r.mb} MB`,
    );
}

/** The options every list matrix bench takes, beside its own volumes. */
export const MATRIX_OPTIONS = {
  requests: { type: 'string' },
  concurrency: { type: 'string' },
  only: { type: 'string' },
  budget: { type: 'string' },
} as const;

/**
 * Runs the scenarios `--only` selects at each `--concurrency` (default 1,10), `--requests`
 * per page (default 40) within `--budget` ms (default 3000), after resetting the statistics,
 * then prints the scans of `tables`' indexes.
 */
export async function benchListMatrix(
  args: Record<string, string | boolean | undefined>,
  pg: Client,
  api: Omit<SignedInApi, 'close'>,
  title: string,
  scenarios: ListScenario[],
  tables: string[],
): Promise<void> {
  const only = args.only ? new RegExp(String(args.only)) : null;
  const chosen = scenarios.filter((s) => !only || only.test(s.name));
  const levels = String(args.concurrency ?? '1,10')
    .split(',')
    .map((c) => numberOption({ concurrency: c }, 'concurrency', 1));
  await pg.query('select pg_stat_reset()');
  console.log(`${title}, ${chosen.length} scenarios x 2 pages; load ${loadAverage()}`);
  await runListMatrix(chosen, {
    ...api,
    requests: numberOption(args, 'requests', 40),
    levels,
    budgetMs: numberOption(args, 'budget', 3000),
  });
  await printIndexScans(pg, tables);
}
