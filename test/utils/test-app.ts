import { randomBytes, randomInt } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Client as Pg } from 'pg';
import request from 'supertest';
import { createApp } from '../../server/app.factory';
import { loadConfig } from '../../server/config/app-config';
import type { AppConfig } from '../../server/config/env.schema';
import { WorkerModule } from '../../worker/worker.module';
import { signInWithSecondFactor } from './second-factor';
import { createTestDatabase, type TestDatabase } from './test-database';
import { createTestBucket } from '../../scripts/lib/s3-test-server';
import {
  TEST_ADMIN,
  TEST_DATA_DIR,
  TEST_WORKFLOW_BUNDLE,
  testServices,
  testStorage,
} from './test-env';

export interface TestApp {
  app: INestApplication;
  config: AppConfig;
  /** Base URL of the listening server, e.g. http://127.0.0.1:41234 */
  url: string;
  db: TestDatabase;
  /**
   * A cookie-keeping client signed in as the given user (default: the first admin), through the
   * second factor the firm requires of staff (enrolled at the first sign-in, as a user does).
   */
  signIn(email?: string, password?: string): Promise<request.Agent>;
  /** Runs SQL on this app's database, to set up or check what the API cannot show. */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /**
   * A second API on this app's database, Temporal, task queue and store, as another process
   * of the deployment would be, on a port of its own.
   */
  startTwin(overrides?: Partial<AppConfig>): Promise<{ url: string; close(): Promise<void> }>;
  /** Starts a worker (Nest context) on this app's task queue. */
  startWorker(): Promise<INestApplicationContext>;
  close(): Promise<void>;
}

/** The master key of test apps on S3. */
export const TEST_MASTER_KEY = Buffer.alloc(32, 7).toString('base64');

/** The real API on a fresh database, listening on a free loopback port. */
export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const db = await createTestDatabase();
  // Links in emails must point at this server, so its port is chosen before it listens.
  const port = await freePort();
  // Each app keeps its stored files apart, and they go with it.
  const dataDir = join(TEST_DATA_DIR, 'apps', randomBytes(4).toString('hex'));
  // Locally the key is generated into DATA_DIR, as `npm start` does; S3 needs one given.
  const storage =
    testStorage() === 's3'
      ? {
          ...(await createTestBucket(testServices().s3Endpoint)),
          STORAGE_MASTER_KEY: TEST_MASTER_KEY,
        }
      : {};
  const config = loadConfig({
    DATA_DIR: dataDir,
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATABASE_URL: db.url,
    TEMPORAL_ADDRESS: testServices().temporalAddress,
    // Each file gets its own queue, so one file's worker never answers another's workflows.
    TEMPORAL_TASK_QUEUE: `test-${randomBytes(4).toString('hex')}`,
    WORKFLOW_BUNDLE_PATH: TEST_WORKFLOW_BUNDLE,
    ADMIN_EMAIL: TEST_ADMIN.email,
    ADMIN_PASSWORD: TEST_ADMIN.password,
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    ...storage,
    ...env,
  });
  const app = await createApp(config);
  await app.listen(port, '127.0.0.1');
  const url = config.PUBLIC_URL;
  const workers: INestApplicationContext[] = [];
  let pg: Promise<Pg> | undefined;

  return {
    app,
    config,
    url,
    db,
    async signIn(email = TEST_ADMIN.email, password = TEST_ADMIN.password) {
      return signInWithSecondFactor(request.agent(url), config.DATABASE_URL, { email, password });
    },
    async query<T>(sql: string, params?: unknown[]) {
      pg ??= (async () => {
        const client = new Pg({ connectionString: db.url });
        await client.connect();
        return client;
      })();
      return (await (await pg).query(sql, params)).rows as T[];
    },
    async startTwin(overrides = {}) {
      const twin = await createApp({ ...config, ...overrides });
      await twin.listen(0, '127.0.0.1');
      const { port } = twin.getHttpServer().address() as AddressInfo;
      return { url: `http://127.0.0.1:${port}`, close: () => twin.close() };
    },
    async startWorker() {
      const worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), {
        logger: false,
      });
      await worker.init();
      workers.push(worker);
      return worker;
    },
    async close() {
      for (const worker of workers) await worker.close();
      await (await pg)?.end();
      await app.close();
      await db.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Ports below every common kernel's range for outgoing connections (Linux 32768-60999; BSD,
 * macOS and Windows from 49152). A port from that range, free when chosen, was given to a
 * connection the app opened while it started, and its listen failed (EADDRINUSE, in CI).
 */
const FIRST_PORT = 20_000;
const PORT_CHOICES = 12_000;
const PORT_TRIES = 100;

/** A loopback port nothing listens on now, and that no outgoing connection will be given. */
export async function freePort(): Promise<number> {
  for (let tries = 0; tries < PORT_TRIES; tries++) {
    const port = FIRST_PORT + randomInt(PORT_CHOICES);
    if (await bindable(port)) return port;
  }
  throw new Error(`No free loopback port from ${FIRST_PORT} in ${PORT_TRIES} tries`);
}

const bindable = (port: number) =>
  new Promise<boolean>((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
