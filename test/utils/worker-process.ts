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
    env: { ...processEnv(t), ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

/** What a process of `t`'s deployment is started with: its database, Temporal, store and key. */
export function processEnv({ config }: TestApp): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    DATABASE_URL: config.DATABASE_URL,
    TEMPORAL_ADDRESS: config.TEMPORAL_ADDRESS,
    TEMPORAL_TASK_QUEUE: config.TEMPORAL_TASK_QUEUE,
    WORKFLOW_BUNDLE_PATH: TEST_WORKFLOW_BUNDLE,
    DATA_DIR: config.DATA_DIR,
    STORAGE_MASTER_KEY: config.STORAGE_MASTER_KEY,
    S3_BUCKET: config.S3_BUCKET,
    S3_ENDPOINT: config.S3_ENDPOINT,
    S3_ACCESS_KEY_ID: config.S3_ACCESS_KEY_ID,
    S3_SECRET_ACCESS_KEY: config.S3_SECRET_ACCESS_KEY,
  };
}
