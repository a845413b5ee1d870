import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { loadConfig } from '../server/config/app-config';
import { envSchema, type AppConfig } from '../server/config/env.schema';
import { prepareDatabase } from '../server/database/prepare-database';
import { describeExit, prefixOutput, spawnChild, type ChildExit } from './lib/child-process';
import { BULK_WRITE_FLAGS, startEmbeddedPostgres } from './lib/embedded-postgres';
import { startBanner } from './lib/start-banner';
import { supervise, type Supervised } from './lib/supervisor';
import { resolveTemporalCli } from './lib/temporal-cli';
import { startTemporalDevServer } from './lib/temporal-dev-server';
import { waitFor } from './lib/wait-for';
import { API_NODE_FLAGS } from '../server/api-node-flags';
import { WORKER_NODE_FLAGS } from '../worker/worker-node-flags';

/** `npm start`: embedded PostgreSQL and Temporal unless configured, then the API and the worker. */

const CHILD_GRACE_MS = 10_000;
/** Written by `npm run build` (scripts/bundle-workflows.ts), next to dist/scripts. */
const WORKFLOW_BUNDLE = join(__dirname, '..', 'workflow-bundle.js');
const HEALTH_TIMEOUT_MS = 120_000;

const log = (message: string) => console.log(`[start] ${message}`);

/** Started parts, stopped in reverse order: api and worker, then Temporal, then PostgreSQL. */
const running: Array<{ name: string; stop: () => Promise<void> }> = [];
let shuttingDown = false;
let shutdownStartedAt = 0;

async function main(): Promise<void> {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => void onSignal(signal));
  }
  const config = loadConfig();
  // Unset DATABASE_URL / TEMPORAL_ADDRESS mean "run it embedded" (loadConfig has filled in
  // the embedded addresses, so ask the schema what was actually given).
  const given = envSchema.pick({ DATABASE_URL: true, TEMPORAL_ADDRESS: true }).parse(process.env);
  await mkdir(config.DATA_DIR, { recursive: true });
  const runtime: AppConfig = { ...config };

  if (!given.DATABASE_URL) {
    log(`Starting embedded PostgreSQL on port ${config.EMBEDDED_POSTGRES_PORT}`);
    const postgres = await startEmbeddedPostgres({
      dataDir: join(config.DATA_DIR, 'postgres'),
      port: config.EMBEDDED_POSTGRES_PORT,
      database: 'clienthub',
      postgresFlags: BULK_WRITE_FLAGS,
    });
    running.push({ name: 'PostgreSQL', stop: postgres.stop });
    runtime.DATABASE_URL = postgres.url;
  }

  let temporalLog: string | undefined;
  if (!given.TEMPORAL_ADDRESS) {
    const cliPath = await resolveTemporalCli(config);
    temporalLog = join(config.DATA_DIR, 'temporal.log');
    log(`Starting the Temporal dev server on port ${config.EMBEDDED_TEMPORAL_PORT}`);
    const temporal = await startTemporalDevServer({
      cliPath,
      dbFile: join(config.DATA_DIR, 'temporal.db'),
      port: config.EMBEDDED_TEMPORAL_PORT,
      uiPort: config.EMBEDDED_TEMPORAL_UI_PORT,
      namespace: config.TEMPORAL_NAMESPACE,
      logFile: temporalLog,
      detached: true,
    });
    running.push({ name: 'Temporal', stop: temporal.stop });
    exitOnDeath('The Temporal dev server', temporal.exited);
    runtime.TEMPORAL_ADDRESS = temporal.address;
  }

  log('Applying database migrations');
  const { adminEmail, generatedPassword } = await prepareDatabase(runtime);

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: runtime.DATA_DIR,
    DATABASE_URL: runtime.DATABASE_URL,
    TEMPORAL_ADDRESS: runtime.TEMPORAL_ADDRESS,
    WORKFLOW_BUNDLE_PATH: runtime.WORKFLOW_BUNDLE_PATH ?? WORKFLOW_BUNDLE,
    // Output goes through our pipe; keep colours when we are on a terminal.
    ...(process.stdout.isTTY ? { FORCE_COLOR: '1' } : {}),
  };
  // A crashed api or worker is started again: one bad request or import must not stop the rest.
  const children = [
    startNode('api', 'server/main.js', env, API_NODE_FLAGS),
    startNode('worker', 'worker/main.js', env, WORKER_NODE_FLAGS),
  ];
  running.push({
    name: 'api and worker',
    stop: async () => {
      await Promise.all(children.map((child) => child.stop(CHILD_GRACE_MS)));
    },
  });

  await waitForHealth(runtime);
  console.log(startBanner({ config: runtime, adminEmail, generatedPassword, temporalLog }));
}

function startNode(
  name: string,
  entry: string,
  env: NodeJS.ProcessEnv,
  flags: string[] = [],
): Supervised {
  return supervise(
    () => {
      // Own process group: Ctrl-C reaches only us, and we stop things in order with one signal each.
      const child = spawnChild(name, process.execPath, [...flags, join(__dirname, '..', entry)], {
        env,
        detached: true,
      });
      prefixOutput(child);
      return child;
    },
    { log: (message) => console.error(`[start] ${message}`) },
  );
}

async function waitForHealth(config: AppConfig): Promise<void> {
  const host = ['0.0.0.0', '::'].includes(config.HOST) ? '127.0.0.1' : config.HOST;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${config.PORT}/api/health`;
  log(`Waiting for ${url}`);
  await waitFor(
    async () => {
      const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
      if (response.ok) return true;
      throw new Error(`HTTP ${response.status} ${(await response.text()).slice(0, 500)}`);
    },
    { what: `${url} to answer 200`, timeoutMs: HEALTH_TIMEOUT_MS, intervalMs: 500 },
  );
}

function exitOnDeath(what: string, exited: Promise<ChildExit>): void {
  void exited.then((exit) => {
    if (!shuttingDown)
      void shutdown(1, `${what} ${describeExit(exit)} unexpectedly; stopping everything.`);
  });
}

async function onSignal(signal: NodeJS.Signals): Promise<void> {
  // One Ctrl-C under `npm start` arrives twice (from the terminal and forwarded by npm);
  // only a later one means "stop waiting".
  if (shuttingDown) {
    if (Date.now() - shutdownStartedAt < 2_000) return;
    log(`${signal} again: exiting without waiting`);
    process.exit(1);
  }
  await shutdown(0, `${signal} received, stopping`);
}

async function shutdown(code: number, reason: string): Promise<void> {
  if (shuttingDown) return;
  shuttingDown = true;
  shutdownStartedAt = Date.now();
  (code === 0 ? console.log : console.error)(`[start] ${reason}`);
  for (const part of running.reverse()) {
    try {
      await part.stop();
    } catch (error) {
      console.error(`[start] Stopping ${part.name} failed:`, error);
    }
  }
  log('Stopped');
  process.exit(code);
}

main().catch((error: unknown) => {
  void shutdown(1, error instanceof Error ? error.message : String(error));
});
