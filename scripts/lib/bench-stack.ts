import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { Client } from 'pg';
import { createApp } from '../../server/app.factory';
import { loadConfig } from '../../server/config/app-config';
import type { AppConfig } from '../../server/config/env.schema';
import { prepareDatabase } from '../../server/database/prepare-database';
import { WORKER_NODE_FLAGS } from '../../worker/worker-node-flags';
import {
  BULK_WRITE_FLAGS,
  startEmbeddedPostgres,
  type EmbeddedPostgres,
} from './embedded-postgres';
import { createDatabase, dropDatabase } from './pg-admin';
import { portInUse } from './port-in-use';
import { resolveTemporalCli } from './temporal-cli';
import { startTemporalDevServer, type TemporalDevServer } from './temporal-dev-server';

export const BENCH_ADMIN = { email: 'bench@clienthub.local', password: 'bench-password-123' };

export interface BenchServices {
  dir: string;
  /** Where PostgreSQL and Temporal listen: the defaults, or their BENCH_*_PORT. */
  ports: { postgres: number; temporal: number };
  postgres: EmbeddedPostgres;
  temporal: TemporalDevServer;
  stop(): Promise<void>;
}

/**
 * A benchmark's own embedded PostgreSQL and Temporal dev server, under DATA_DIR/<name>.
 * BENCH_POSTGRES_PORT and BENCH_TEMPORAL_PORT move them off the bench's own ports (the Web UI's
 * is Temporal's + 1000), so two checkouts on one machine can run the same bench.
 */
export async function startBenchServices(
  name: string,
  defaults: { postgres: number; temporal: number },
): Promise<BenchServices> {
  const ports = {
    postgres: portFromEnv('BENCH_POSTGRES_PORT') ?? defaults.postgres,
    temporal: portFromEnv('BENCH_TEMPORAL_PORT') ?? defaults.temporal,
  };
  const base = loadConfig();
  const dir = join(base.DATA_DIR, name);
  // Checked before anything is removed: a second copy of a bench must not break the first.
  for (const port of [ports.postgres, ports.temporal, ports.temporal + 1000]) {
    if (await portInUse(port)) {
      throw new Error(`Port ${port} is in use: is ${name} already running? Nothing was changed.`);
    }
  }
  await rm(join(dir, 'temporal.db'), { force: true });
  await mkdir(dir, { recursive: true });
  const postgres = await startEmbeddedPostgres({
    dataDir: join(dir, 'postgres'),
    port: ports.postgres,
    database: 'postgres',
    postgresFlags: ['-c', 'synchronous_commit=off', ...BULK_WRITE_FLAGS],
  });
  const temporal = await startTemporalDevServer({
    cliPath: await resolveTemporalCli(base),
    dbFile: join(dir, 'temporal.db'),
    port: ports.temporal,
    uiPort: ports.temporal + 1000,
    namespace: 'default',
    headless: true,
    logFile: join(dir, 'temporal.log'),
  });
  return {
    dir,
    ports,
    postgres,
    temporal,
    async stop() {
      await temporal.stop();
      await postgres.stop();
    },
  };
}

function portFromEnv(name: string): number | undefined {
  const raw = process.env[name];
  if (!raw) return undefined;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 64535) {
    throw new Error(`${name} must be a port number, got "${raw}"`);
  }
  return port;
}

export interface BenchStack {
  config: AppConfig;
  url: string;
  /** Session cookie of the bench admin. */
  cookie: string;
  worker: ChildProcess;
  /** Peak resident memory of the worker process so far (VmHWM). */
  workerPeakRssMb(): Promise<number>;
  /** Resident memory of the worker process now (VmRSS). */
  workerRssMb(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * A fresh database on the bench's PostgreSQL (a copy of `template` if given), migrated and
 * seeded as `npm start` would.
 */
export async function createBenchDatabase(
  services: BenchServices,
  name: string,
  env: Record<string, string> = {},
  template?: string,
): Promise<{ config: AppConfig; drop(): Promise<void> }> {
  const database = `${name}_${Date.now()}`;
  const dbUrl = await createDatabase(services.postgres.url, database, template);
  const config = benchConfig(services, dbUrl, name, env);
  await prepareBenchDatabase(config);
  return { config, drop: () => dropDatabase(services.postgres.url, database) };
}

/**
 * Migrated and seeded as `npm start` does. Benchmarks measure what lies behind the sign-in, so
 * their firm lets staff sign in with a password alone (Settings → Two-step sign-in: optional).
 */
export async function prepareBenchDatabase(config: AppConfig): Promise<void> {
  await prepareDatabase(config);
  const pg = new Client({ connectionString: config.DATABASE_URL });
  await pg.connect();
  try {
    await pg.query(`update firm_settings set staff_mfa = 'optional'`);
  } finally {
    await pg.end();
  }
}

/** The production configuration of a bench's API on `databaseUrl`, signed in as the bench admin. */
export function benchConfig(
  services: BenchServices,
  databaseUrl: string,
  name: string,
  env: Record<string, string> = {},
): AppConfig {
  return loadConfig({
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    DATA_DIR: services.dir,
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: services.temporal.address,
    TEMPORAL_TASK_QUEUE: name,
    ADMIN_EMAIL: BENCH_ADMIN.email,
    ADMIN_PASSWORD: BENCH_ADMIN.password,
    WORKFLOW_BUNDLE_PATH: join(__dirname, '..', '..', 'workflow-bundle.js'),
    ...env,
  });
}

/**
 * The API in this process and the worker as its own process (as in production), on a fresh
 * database, signed in as the bench admin.
 */
export async function startBenchStack(
  services: BenchServices,
  name: string,
  env: Record<string, string> = {},
  template?: string,
): Promise<BenchStack> {
  const { config, drop } = await createBenchDatabase(services, name, env, template);
  const app: INestApplication = await createApp(config);
  await app.listen(0, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  const worker = spawn(
    process.execPath,
    [...WORKER_NODE_FLAGS, join(__dirname, '..', '..', 'worker', 'main.js')],
    {
      env: {
        ...process.env,
        ...Object.fromEntries(Object.entries(config).map(([k, v]) => [k, String(v)])),
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const login = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(BENCH_ADMIN),
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
  await new Promise((r) => setTimeout(r, 1500)); // the worker connects
  return {
    config,
    url,
    cookie,
    worker,
    workerPeakRssMb: () => procStatusMb(worker, 'VmHWM'),
    workerRssMb: () => procStatusMb(worker, 'VmRSS'),
    async stop() {
      worker.kill('SIGTERM');
      await app.close();
      await drop();
    },
  };
}

async function procStatusMb(child: ChildProcess, field: 'VmHWM' | 'VmRSS'): Promise<number> {
  const status = await readFile(`/proc/${child.pid}/status`, 'utf8');
  return Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0) / 1024;
}
