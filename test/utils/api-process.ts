import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { projectRoot } from '../../server/project-root';
import { freePort, type TestApp } from './test-app';
import { processEnv } from './worker-process';

const API = join(projectRoot(), 'dist', 'server', 'main.js');
const START_TIMEOUT_MS = 60_000;

export interface ApiProcess {
  url: string;
  child: ChildProcess;
}

/**
 * The built API (`npm test` builds it) as a process of its own, as `npm start` runs it, on
 * `t`'s database, Temporal and store; resolves once it answers HTTP.
 */
export async function spawnApi(t: TestApp, env: NodeJS.ProcessEnv = {}): Promise<ApiProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [API], {
    env: {
      ...processEnv(t),
      HOST: '127.0.0.1',
      PORT: String(port),
      PUBLIC_URL: t.config.PUBLIC_URL,
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code, signal) =>
      reject(new Error(`The API on port ${port} exited (${signal ?? code}) before it answered`)),
    ),
  );
  exited.catch(() => undefined);
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    const answered = await Promise.race([
      fetch(`${url}/api/health`).then(
        () => true,
        () => false,
      ),
      exited,
    ]);
    if (answered) return { url, child };
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`The API on port ${port} did not answer within ${START_TIMEOUT_MS} ms`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Stops a process started by a test and waits until it is gone. */
export async function stopProcess(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await gone;
}
