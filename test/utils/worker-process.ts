import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { projectRoot } from '../../server/project-root';
import { WORKER_NODE_FLAGS } from '../../worker/worker-node-flags';
import { TEST_WORKFLOW_BUNDLE } from './test-env';
import type { TestApp } from './test-app';

const WORKER = join(projectRoot(), 'dist', 'worker', 'main.js');

/** The built worker (`npm test` builds it) as a process of its own, as in production, for `t`. */
export function spawnWorker(t: TestApp, env: NodeJS.ProcessEnv = {}): ChildProcess {
  return spawn(process.execPath, [...WORKER_NODE_FLAGS, WORKER], {
    env: {
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      DATABASE_URL: t.config.DATABASE_URL,
      TEMPORAL_ADDRESS: t.config.TEMPORAL_ADDRESS,
      TEMPORAL_TASK_QUEUE: t.config.TEMPORAL_TASK_QUEUE,
      WORKFLOW_BUNDLE_PATH: TEST_WORKFLOW_BUNDLE,
      DATA_DIR: t.config.DATA_DIR,
      ...storageEnv(t),
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

/** The app's store and master key, so the worker reads the files the API wrote. */
function storageEnv({ config }: TestApp): NodeJS.ProcessEnv {
  const names = ['S3_BUCKET', 'S3_ENDPOINT', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const;
  const env: NodeJS.ProcessEnv = { STORAGE_MASTER_KEY: config.STORAGE_MASTER_KEY };
  for (const name of names) env[name] = config[name];
  return env;
}
