import { createWriteStream } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import ExcelJS from 'exceljs';
import { IMPORT_COLUMNS } from '../server/modules/imports/import-columns';
import {
  createBenchDatabase,
  startBenchServices,
  startBenchStack,
  type BenchServices,
} from './lib/bench-stack';
import { copyFloor, writeFloor } from './lib/import-floors';
import { numberOption, readArgs } from './lib/cli-args';

const PORTS = { postgres: 54349, temporal: 7253 };
type Format = 'csv' | 'xlsx';

const cells = (i: number): string[] => {
  const n = String(i).padStart(7, '0');
  return [
    `First${i}`,
    `Last${i}`,
    `person${n}@example.com`,
    `+1 555 ${n}`,
    '',
    `${i} Main St`,
    'Austin',
    'TX',
    String(10000 + (i % 89999)),
    `TX-${n}`,
    i % 3 ? '1040' : '1040;VIP',
    '',
  ];
};

async function writeCsv(path: string, rows: number): Promise<void> {
  async function* lines() {
    yield IMPORT_COLUMNS.map((c) => c.header).join(',') + '\n';
    for (let i = 1; i <= rows; i++) yield cells(i).join(',') + '\n';
  }
  await pipeline(Readable.from(lines()), createWriteStream(path));
}

async function writeXlsx(path: string, rows: number): Promise<void> {
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path });
  const sheet = book.addWorksheet('Clients');
  sheet.addRow(IMPORT_COLUMNS.map((c) => c.header)).commit();
  for (let i = 1; i <= rows; i++) sheet.addRow(cells(i)).commit();
  await book.commit();
}

async function writeFloorOn(services: BenchServices, format: Format, file: string) {
  const { config, drop } = await createBenchDatabase(services, `floor_${format}`);
  try {
    return await writeFloor(config.DATABASE_URL, file);
  } finally {
    await drop();
  }
}

/** Upload through the API, let the workflow run on a worker process, wait for the end. */
async function endToEnd(services: BenchServices, format: Format, file: string) {
  const stack = await startBenchStack(services, `bench_${format}`, { IMPORT_MAX_FILE_MB: '1024' });
  try {
    const { url, cookie } = stack;
    const form = new FormData();
    form.set('file', new Blob([await readFile(file)]), `bench.${format}`);
    const started = performance.now();
    const res = await fetch(`${url}/api/imports`, {
      method: 'POST',
      headers: { cookie },
      body: form,
    });
    if (res.status !== 202) throw new Error(`upload: ${res.status} ${await res.text()}`);
    const { id } = (await res.json()) as { id: string };
    let staged = 0;
    for (;;) {
      const job = (await (
        await fetch(`${url}/api/imports/${id}`, { headers: { cookie } })
      ).json()) as Record<string, unknown>;
      if (!staged && job.status === 'processing') staged = (performance.now() - started) / 1000;
      if (['completed', 'failed', 'cancelled'].includes(job.status as string)) {
        const seconds = (performance.now() - started) / 1000;
        if (job.status !== 'completed' || job.created !== job.total)
          throw new Error(`import ended ${JSON.stringify(job)}`);
        return { seconds, staged, rss: await stack.workerPeakRssMb() };
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  } finally {
    await stack.stop();
  }
}

/**
 * `npm run bench:import -- --rows 100000 [--formats csv,xlsx]`: generates the files, imports
 * each end to end (API → workflow → worker → PostgreSQL) on its own embedded services, and
 * compares with the floor measured in the same run.
 */
async function main(): Promise<void> {
  const args = readArgs({ rows: { type: 'string' }, formats: { type: 'string' } });
  const rows = numberOption(args, 'rows', 100_000);
  const formats = String(args.formats ?? 'csv,xlsx').split(',') as Format[];
  const services = await startBenchServices('bench', PORTS);
  const results: string[] = [];
  try {
    for (const format of formats) {
      const file = join(services.dir, `clients-${rows}.${format}`);
      const t0 = performance.now();
      await (format === 'csv' ? writeCsv(file, rows) : writeXlsx(file, rows));
      console.log(`generated ${file} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
      const floor = await copyFloor(services.postgres.url, file);
      const writes = await writeFloorOn(services, format, file);
      const e2e = await endToEnd(services, format, file);
      results.push(
        `${format.padEnd(5)} ${String(rows).padStart(9)}  floor ${floor.toFixed(2).padStart(6)} s  ` +
          `write floor ${writes.toFixed(2).padStart(6)} s  ` +
          `end-to-end ${e2e.seconds.toFixed(2).padStart(6)} s (upload + parse + stage ${e2e.staged.toFixed(1)} s)  ` +
          `ratio ${(e2e.seconds / floor).toFixed(2)}x the floor, ${(e2e.seconds / writes).toFixed(2)}x the write floor  ` +
          `worker peak RSS ${e2e.rss.toFixed(0)} MB`,
      );
      console.log(results[results.length - 1]);
      await rm(file, { force: true });
    }
  } finally {
    await services.stop();
  }
  console.log(`\nClient import benchmark (${rows} rows)`);
  console.log('floor:       streaming parse + COPY of the same rows into a plain table');
  console.log(
    'write floor: the same, then one set-based INSERT per table an import writes (clients, contacts,',
  );
  console.log('             links, tags) on a freshly migrated database, with no workflow');
  for (const line of results) console.log(line);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
