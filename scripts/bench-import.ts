import { createWriteStream } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import ExcelJS from 'exceljs';
import { Client } from 'pg';
import { IMPORT_COLUMNS } from '../server/modules/imports/import-columns';
import { loadConfig } from '../server/config/app-config';
import { prepareDatabase } from '../server/database/prepare-database';
import {
  BENCH_ADMIN,
  createBenchDatabase,
  startBenchServices,
  startBenchStack,
  type BenchServices,
  type BenchStack,
} from './lib/bench-stack';
import { numberOption, readArgs } from './lib/cli-args';
import { copyFloor, writeFloor } from './lib/import-floors';
import { createDatabase, dropDatabase } from './lib/pg-admin';
import { seedClients } from './lib/seed-clients';

const PORTS = { postgres: 54361, temporal: 7263 };
const BASE_DB = 'import_bench_base';
type Format = 'csv' | 'xlsx';

interface Scenario {
  format: Format;
  rows: number;
}

/** Row i of file `prefix`: a new standard client (unique email and Tax Client ID). */
const cells = (prefix: string, i: number): string[] => {
  const n = String(i).padStart(7, '0');
  return [
    `First${i}`,
    `Last${i}`,
    `person.${prefix}.${n}@example.com`,
    `+1 555 ${n}`,
    '',
    `${i} Main St`,
    'Austin',
    'TX',
    String(10000 + (i % 89999)),
    `${prefix}-${n}`,
    i % 3 ? '1040' : '1040;VIP',
    '',
  ];
};

async function writeCsv(path: string, prefix: string, rows: number): Promise<void> {
  async function* lines() {
    yield IMPORT_COLUMNS.map((c) => c.header).join(',') + '\n';
    for (let i = 1; i <= rows; i++) yield cells(prefix, i).join(',') + '\n';
  }
  await pipeline(Readable.from(lines()), createWriteStream(path));
}

async function writeXlsx(path: string, prefix: string, rows: number): Promise<void> {
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path });
  const sheet = book.addWorksheet('Clients');
  sheet.addRow(IMPORT_COLUMNS.map((c) => c.header)).commit();
  for (let i = 1; i <= rows; i++) sheet.addRow(cells(prefix, i)).commit();
  await book.commit();
}

/** A migrated database holding `clients` seeded clients, used as the template of the others. */
async function createBaseDatabase(services: BenchServices, clients: number): Promise<void> {
  await dropDatabase(services.postgres.url, BASE_DB);
  const url = await createDatabase(services.postgres.url, BASE_DB);
  await prepareDatabase(
    loadConfig({
      DATABASE_URL: url,
      ADMIN_EMAIL: BENCH_ADMIN.email,
      ADMIN_PASSWORD: BENCH_ADMIN.password,
    }),
  );
  const pg = new Client({ connectionString: url });
  await pg.connect();
  try {
    await seedClients(pg, clients);
  } finally {
    await pg.end();
  }
}

/** Uploads a file through the API and waits for its end; also samples the longest statement. */
async function importFile(stack: BenchStack, path: string, name: string) {
  const { url, cookie } = stack;
  const form = new FormData();
  form.set('file', new Blob([await readFile(path)]), name);
  const started = performance.now();
  const res = await fetch(`${url}/api/imports`, {
    method: 'POST',
    headers: { cookie },
    body: form,
  });
  if (res.status !== 202) throw new Error(`upload: ${res.status} ${await res.text()}`);
  const { id } = (await res.json()) as { id: string };
  const pg = new Client({ connectionString: stack.config.DATABASE_URL });
  await pg.connect();
  let staged = 0;
  let longest = { seconds: 0, query: '' };
  try {
    for (;;) {
      const job = (await (
        await fetch(`${url}/api/imports/${id}`, { headers: { cookie } })
      ).json()) as Record<string, unknown>;
      if (!staged && job.status === 'processing') staged = (performance.now() - started) / 1000;
      if (['completed', 'failed', 'cancelled'].includes(job.status as string)) {
        return { job, seconds: (performance.now() - started) / 1000, staged, longest };
      }
      const { rows } = await pg.query<{ seconds: number; query: string }>(
        `select extract(epoch from now() - query_start)::float8 as seconds, left(query, 60) as query
         from pg_stat_activity where datname = current_database() and state = 'active'
           and backend_type = 'client backend' and pid <> pg_backend_pid()
         order by query_start limit 1`,
      );
      if (rows[0] && rows[0].seconds > longest.seconds) longest = rows[0];
      await new Promise((r) => setTimeout(r, 200));
    }
  } finally {
    await pg.end();
  }
}

/** Twenty small imports, then ANALYZE as autovacuum would: the planner sees tiny tables. */
async function runEarlierImports(stack: BenchStack, dir: string): Promise<string> {
  for (let k = 1; k <= 20; k++) {
    const path = join(dir, `small-${k}.csv`);
    await writeCsv(path, `SM${k}`, 5 + k * 2);
    const { job } = await importFile(stack, path, `small-${k}.csv`);
    if (job.status !== 'completed') throw new Error(`small import ended ${JSON.stringify(job)}`);
    await rm(path, { force: true });
  }
  const pg = new Client({ connectionString: stack.config.DATABASE_URL });
  await pg.connect();
  try {
    await pg.query('analyze import_row, import_row_outcome, import_job');
    const { rows } = await pg.query<{ relname: string; reltuples: number }>(
      `select relname, reltuples::int from pg_class
       where relname in ('import_row', 'import_row_outcome', 'client') order by relname`,
    );
    return rows.map((r) => `${r.relname} ${r.reltuples}`).join(', ');
  } finally {
    await pg.end();
  }
}

/**
 * `npm run bench:import [-- --clients 100000 --scenarios csv:10000,csv:100000,xlsx:100000,csv:1000000]`
 *
 * On a database that already holds `clients` clients and a history of twenty small imports
 * (analysed while the staging tables were tiny, so planner statistics are stale for what
 * follows), imports each scenario's file end to end (API → workflow → worker process →
 * PostgreSQL), one after another on the same database, and compares each with two floors
 * measured in the same run on the same file.
 */
async function main(): Promise<void> {
  const args = readArgs({ clients: { type: 'string' }, scenarios: { type: 'string' } });
  const clients = numberOption(args, 'clients', 100_000);
  const scenarios: Scenario[] = String(
    args.scenarios ?? 'csv:10000,csv:100000,xlsx:100000,csv:1000000',
  )
    .split(',')
    .map((s) => {
      const [format, rows] = s.split(':');
      return { format: format as Format, rows: Number(rows) };
    });
  const services = await startBenchServices('bench-import', PORTS);
  const results: { scenario: Scenario; line: string; perRowUs: number }[] = [];
  let stack: BenchStack | undefined;
  try {
    let t0 = performance.now();
    await createBaseDatabase(services, clients);
    console.log(`seeded ${clients} clients in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    stack = await startBenchStack(
      services,
      'bench_history',
      { IMPORT_MAX_FILE_MB: '1024' },
      BASE_DB,
    );
    t0 = performance.now();
    const stats = await runEarlierImports(stack, services.dir);
    console.log(
      `20 earlier imports in ${((performance.now() - t0) / 1000).toFixed(1)} s; planner rows: ${stats}`,
    );

    for (const [k, scenario] of scenarios.entries()) {
      const { format, rows } = scenario;
      const prefix = `BX${k}`;
      const file = join(services.dir, `clients-${rows}.${format}`);
      t0 = performance.now();
      await (format === 'csv' ? writeCsv(file, prefix, rows) : writeXlsx(file, prefix, rows));
      console.log(`generated ${file} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
      const floor = await copyFloor(services.postgres.url, file);
      const { config, drop } = await createBenchDatabase(services, 'floor', {}, BASE_DB);
      const { seconds: writes, serverCpu } = await writeFloor(config.DATABASE_URL, file).finally(
        drop,
      );
      const e2e = await importFile(stack, file, `bench.${format}`);
      if (e2e.job.status !== 'completed' || e2e.job.created !== rows)
        throw new Error(`import ended ${JSON.stringify(e2e.job)}`);
      const rss = await stack.workerPeakRssMb();
      const line =
        `${format.padEnd(4)} ${String(rows).padStart(8)}  floor ${floor.toFixed(2).padStart(6)} s  ` +
        `write floor ${writes.toFixed(2).padStart(6)} s (PostgreSQL CPU ${serverCpu?.toFixed(2) ?? '?'} s)  end to end ${e2e.seconds.toFixed(2).padStart(6)} s ` +
        `(staged at ${e2e.staged.toFixed(1)} s)  ${(e2e.seconds / floor).toFixed(2)}x floor  ` +
        `${(e2e.seconds / writes).toFixed(2)}x write floor  ` +
        `${((e2e.seconds / rows) * 1e6).toFixed(0)} µs/row  worker peak RSS ${rss.toFixed(0)} MB  ` +
        `longest statement ${e2e.longest.seconds.toFixed(1)} s (${e2e.longest.query.replace(/\s+/g, ' ')})`;
      console.log(line);
      results.push({ scenario, line, perRowUs: (e2e.seconds / rows) * 1e6 });
      await rm(file, { force: true });
    }
  } finally {
    await stack?.stop();
    await dropDatabase(services.postgres.url, BASE_DB).catch(() => undefined);
    await services.stop();
  }
  console.log(
    `\nClient import benchmark: ${clients} clients and 20 earlier imports in the database`,
  );
  console.log('floor:       streaming parse + COPY of the same rows into a plain table');
  console.log(
    'write floor: the same, then one set-based INSERT per table an import writes (clients,',
  );
  console.log(
    `             contacts, links, tags), on a copy of the database with ${clients} clients`,
  );
  for (const r of results) console.log(r.line);
  const csvPerRow = (rows: number) =>
    results.find((r) => r.scenario.format === 'csv' && r.scenario.rows === rows)?.perRowUs;
  const [at100k, at1m] = [csvPerRow(100_000), csvPerRow(1_000_000)];
  if (at100k && at1m)
    console.log(`time per row, 1M CSV over 100k CSV: ${(at1m / at100k).toFixed(2)}x`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
