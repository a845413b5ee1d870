import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { request, type IncomingMessage } from 'node:http';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { forEachLimit } from '../server/common/async/for-each-limit';
import { API_NODE_FLAGS } from '../server/api-node-flags';
import { loadConfig } from '../server/config/app-config';
import type { AppConfig } from '../server/config/env.schema';
import { BENCH_ADMIN, createBenchDatabase, startBenchServices } from './lib/bench-stack';
import { numberOption, readArgs } from './lib/cli-args';
import { resolveS3TestServer } from './lib/temporal-cli';
import { createTestBucket, startS3TestServer } from './lib/s3-test-server';
import { waitFor } from './lib/wait-for';

/** S3's and the API's ports move with PostgreSQL's (BENCH_POSTGRES_PORT), as bench-stack's do. */
const BASE_PORTS = { postgres: 54417, temporal: 7417, s3: 9417, api: 3417 };
const CONCURRENCY = 8;
const MB = 1024 * 1024;
/** The API's resident memory while the large file uploads stays under this. */
const RSS_BUDGET_MB = 300;

/**
 * `npm run bench:files`: through the API (its own process, as in production), uploads and
 * downloads `--files` files of `--size-mb` and one of `--large-mb`, against the local store
 * and against S3 (moto's server); prints throughput and the API's resident memory (target:
 * under 300 MB while the large file uploads).
 */
async function main(): Promise<void> {
  const args = readArgs({
    files: { type: 'string' },
    'size-mb': { type: 'string' },
    'large-mb': { type: 'string' },
    stores: { type: 'string' },
  });
  const files = numberOption(args, 'files', 1000);
  const sizeMb = numberOption(args, 'size-mb', 1);
  const largeMb = numberOption(args, 'large-mb', 1024);
  const stores = String(args.stores ?? 'local,s3').split(',');
  const services = await startBenchServices('bench-files', BASE_PORTS);
  const offset = services.ports.postgres - BASE_PORTS.postgres;
  const ports = { s3: BASE_PORTS.s3 + offset, api: BASE_PORTS.api + offset };
  const s3 = stores.includes('s3')
    ? await startS3TestServer(await resolveS3TestServer(loadConfig()), ports.s3)
    : undefined;
  try {
    for (const store of stores) {
      const storage = store === 's3' ? await createTestBucket(s3!.endpoint) : {};
      const { config, drop } = await createBenchDatabase(services, 'bench_files', {
        ...storage,
        STORAGE_MASTER_KEY: randomBytes(32).toString('base64'),
        FILE_MAX_MB: String(Math.max(largeMb + 1, sizeMb + 1)),
      });
      const api = await startApi(config, ports.api);
      try {
        console.log(`\n${store} store (load average ${loadavg()[0].toFixed(1)}):`);
        await run(api, files, sizeMb, largeMb);
      } finally {
        api.process.kill('SIGTERM');
        await drop();
      }
    }
  } finally {
    await s3?.stop();
    await services.stop();
  }
}

interface Api {
  url: string;
  cookie: string;
  clientId: string;
  process: ChildProcess;
}

async function run(api: Api, files: number, sizeMb: number, largeMb: number): Promise<void> {
  const ids: string[] = [];
  let started = performance.now();
  await forEachLimit(
    Array.from({ length: files }, (_, i) => i),
    CONCURRENCY,
    async (i) => {
      ids.push(await upload(api, Readable.from([pdf(i, sizeMb * MB)]), `f${i}.pdf`));
    },
  );
  report(`upload ${files} × ${sizeMb} MB`, files * sizeMb, started);
  started = performance.now();
  await forEachLimit(ids, CONCURRENCY, async (id) => {
    await download(api, id);
  });
  report(`download ${files} × ${sizeMb} MB`, files * sizeMb, started);

  console.log(`  API RSS before the large file: ${(await rssMb(api.process)).toFixed(0)} MB`);
  const rss = watchRss(api.process);
  started = performance.now();
  const large = await upload(api, Readable.from(largeFile(largeMb)), 'large.pdf');
  const peak = rss.peakMb();
  report(`upload 1 × ${largeMb} MB`, largeMb, started, peak);
  console.log(
    `  API peak RSS during the large upload: ${peak.toFixed(0)} MB, ${((peak / RSS_BUDGET_MB) * 100).toFixed(0)}% of the ${RSS_BUDGET_MB} MB budget${peak < RSS_BUDGET_MB ? '' : ' (OVER)'}`,
  );
  const rssDown = watchRss(api.process);
  started = performance.now();
  const length = await download(api, large);
  if (length !== largeMb * MB) throw new Error(`downloaded ${length} bytes of ${largeMb * MB}`);
  report(`download 1 × ${largeMb} MB`, largeMb, started, rssDown.peakMb());
  rss.stop();
  rssDown.stop();
}

function report(what: string, mb: number, started: number, peakRssMb?: number): void {
  const seconds = (performance.now() - started) / 1000;
  const rss = peakRssMb === undefined ? '' : `, API peak RSS ${peakRssMb.toFixed(0)} MB`;
  console.log(
    `  ${what.padEnd(26)} ${seconds.toFixed(1)} s, ${(mb / seconds).toFixed(1)} MB/s${rss}`,
  );
}

/** A PDF by its magic (what the upload check looks at), random after it. */
const pdf = (i: number, size: number) =>
  Buffer.concat([Buffer.from(`%PDF-1.4\n% ${i}\n`), randomBytes(size)]).subarray(0, size);

function* largeFile(mb: number): Generator<Buffer> {
  yield pdf(-1, MB);
  const chunk = randomBytes(MB);
  for (let i = 1; i < mb; i++) yield chunk;
}

async function upload(api: Api, content: Readable, name: string): Promise<string> {
  const boundary = `----bench${randomBytes(8).toString('hex')}`;
  async function* body() {
    yield Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\n` +
        'Content-Type: application/pdf\r\n\r\n',
    );
    yield* content;
    yield Buffer.from(`\r\n--${boundary}--\r\n`);
  }
  const res = await send(`${api.url}/api/clients/${api.clientId}/files`, api.cookie, {
    method: 'POST',
    body: Readable.from(body()),
    contentType: `multipart/form-data; boundary=${boundary}`,
  });
  const text = (await drain(res)).toString();
  if (res.statusCode !== 201) throw new Error(`upload answered ${res.statusCode}: ${text}`);
  return (JSON.parse(text) as { id: string }).id;
}

async function download(api: Api, id: string): Promise<number> {
  const res = await send(`${api.url}/api/files/${id}/download`, api.cookie);
  if (res.statusCode !== 200) throw new Error(`download answered ${res.statusCode}`);
  let length = 0;
  for await (const chunk of res) length += (chunk as Buffer).length;
  return length;
}

function send(
  url: string,
  cookie: string,
  options: { method?: string; body?: Readable; contentType?: string } = {},
): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { cookie };
    if (options.contentType) headers['content-type'] = options.contentType;
    const req = request(url, { method: options.method ?? 'GET', headers }, resolve);
    req.on('error', reject);
    if (options.body) options.body.pipe(req);
    else req.end();
  });
}

async function drain(res: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of res) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** The API as its own process, signed in, with one client to hold the files. */
async function startApi(config: AppConfig, port: number): Promise<Api> {
  const child = spawn(
    process.execPath,
    [...API_NODE_FLAGS, join(__dirname, '..', 'server', 'main.js')],
    {
      env: {
        ...process.env,
        ...Object.fromEntries(Object.entries(config).map(([k, v]) => [k, String(v)])),
        PORT: String(port),
        HOST: '127.0.0.1',
        PUBLIC_URL: `http://127.0.0.1:${port}`,
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const url = `http://127.0.0.1:${port}`;
  const signIn = () =>
    fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(BENCH_ADMIN),
    });
  // No worker runs here, so the health check would say unhealthy: wait for a sign-in instead.
  const login = await waitFor(
    async () => {
      const res = await signIn();
      return res.ok && res;
    },
    { what: `the API on :${port}`, timeoutMs: 120_000 },
  ).catch((e: unknown) => {
    child.kill('SIGTERM');
    throw e;
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
  const created = await fetch(`${url}/api/clients`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({ companyName: 'Bench Files LLC' }),
  });
  const { id } = (await created.json()) as { id: string };
  return { url, cookie, clientId: id, process: child };
}

async function rssMb(child: ChildProcess): Promise<number> {
  const status = await readFile(`/proc/${child.pid}/status`, 'utf8').catch(() => '');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
}

/** The peak resident memory of a process, sampled every 100 ms. */
function watchRss(child: ChildProcess): { peakMb(): number; stop(): void } {
  let peak = 0;
  const timer = setInterval(() => void rssMb(child).then((mb) => (peak = Math.max(peak, mb))), 100);
  return { peakMb: () => peak, stop: () => clearInterval(timer) };
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
