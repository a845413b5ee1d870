import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { connect } from 'node:net';
import { dirname } from 'node:path';
import { Connection } from '@temporalio/client';
import { SEARCH_ATTRIBUTES } from '../../workflows/shared/search-attributes';
import { describeExit, keepTail, spawnChild, type ChildExit } from './child-process';
import { waitFor } from './wait-for';

export interface TemporalDevServerOptions {
  cliPath: string;
  /** SQLite file; workflows survive restarts. */
  dbFile: string;
  port: number;
  uiPort: number;
  namespace: string;
  /** No Web UI (tests). */
  headless?: boolean;
  /** Server output goes here (appended); otherwise only the tail is kept to explain failures. */
  logFile?: string;
  /**
   * Own process group, so a terminal's Ctrl-C reaches only our process, which then stops the
   * server after its clients. Only for callers that handle signals (the launcher), else it outlives them.
   */
  detached?: boolean;
  startTimeoutMs?: number;
}

export interface TemporalDevServer {
  address: string;
  uiUrl?: string;
  /** Settles if the server process ends, expectedly or not. */
  exited: Promise<ChildExit>;
  stop(): Promise<void>;
}

const HOST = '127.0.0.1';

/** Runs `temporal server start-dev` and resolves once the namespace answers over gRPC. */
export async function startTemporalDevServer(
  options: TemporalDevServerOptions,
): Promise<TemporalDevServer> {
  const {
    cliPath,
    dbFile,
    port,
    uiPort,
    namespace,
    headless = false,
    logFile,
    detached = false,
  } = options;
  const address = `${HOST}:${port}`;
  // Probing a port someone else holds would "succeed" against the wrong server.
  if (await isListening(port)) {
    throw new Error(
      `Port ${port} is already in use, so the embedded Temporal server cannot start. Stop whatever ` +
        'listens there (an earlier run?), change EMBEDDED_TEMPORAL_PORT, or set TEMPORAL_ADDRESS to use it.',
    );
  }
  await mkdir(dirname(dbFile), { recursive: true });

  const args = [
    'server',
    'start-dev',
    `--ip=${HOST}`,
    `--port=${port}`,
    `--ui-port=${uiPort}`,
    `--db-filename=${dbFile}`,
    `--namespace=${namespace}`,
    '--log-level=warn',
    // Fewer fsyncs: the dev server's single SQLite file is what limits its throughput.
    '--sqlite-pragma',
    'journal_mode=wal',
    '--sqlite-pragma',
    'synchronous=normal',
    // Task-queue priority's matcher: on by default from server 1.31, explicit for older CLIs.
    '--dynamic-config-value',
    'matching.useNewMatcher=true',
    ...Object.entries(SEARCH_ATTRIBUTES).map(
      ([name, type]) => `--search-attribute=${name}=${type}`,
    ),
    ...(headless ? ['--headless'] : []),
  ];
  const server = spawnChild('temporal', cliPath, args, { detached });
  const stderrTail = keepTail(server.process.stderr);
  if (logFile) {
    await mkdir(dirname(logFile), { recursive: true });
    const log = createWriteStream(logFile, { flags: 'a' });
    log.on('error', (error) =>
      console.error(`[temporal] cannot write ${logFile}: ${error.message}`),
    );
    // Two sources share one file: neither may end it alone.
    server.process.stdout?.pipe(log, { end: false });
    server.process.stderr?.pipe(log, { end: false });
    void server.exited.then(() => log.end());
  } else {
    server.process.stdout?.resume(); // drain, or a full pipe would block the server
  }

  const died = new AbortController();
  void server.exited.then((exit) =>
    died.abort(new Error(`the Temporal server ${describeExit(exit)}`)),
  );
  try {
    await waitUntilReady(address, port, namespace, options.startTimeoutMs ?? 60_000, died.signal);
  } catch (error) {
    await server.stop(2_000);
    const reason = error instanceof Error ? error.message : String(error);
    const output = stderrTail();
    throw new Error(
      `Embedded Temporal dev server did not start (${cliPath}, port ${port}): ${reason}` +
        (output ? `\n${output}` : '') +
        (logFile ? `\nFull log: ${logFile}` : ''),
    );
  }

  return {
    address,
    uiUrl: headless ? undefined : `http://localhost:${uiPort}`,
    exited: server.exited,
    stop: async () => {
      await server.stop(10_000);
    },
  };
}

async function waitUntilReady(
  address: string,
  port: number,
  namespace: string,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const remaining = () => Math.max(deadline - Date.now(), 1_000);
  await waitFor(() => isListening(port), {
    what: `Temporal gRPC on ${address}`,
    timeoutMs,
    signal,
  });
  // The port opens before the namespace registry is loaded; describeNamespace proves both.
  await waitFor(
    async () => {
      const connection = await Connection.connect({ address, connectTimeout: 2_000 });
      try {
        await connection.workflowService.describeNamespace({ namespace });
        return true;
      } finally {
        await connection.close();
      }
    },
    { what: `Temporal namespace "${namespace}"`, timeoutMs: remaining(), intervalMs: 500, signal },
  );
}

function isListening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: HOST, port });
    socket.setTimeout(1_000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
  });
}
