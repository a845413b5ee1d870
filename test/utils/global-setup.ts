import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { loadConfig } from '../../server/config/app-config';
import { prepareDatabase } from '../../server/database/prepare-database';
import { bundleWorkflows } from '../../scripts/bundle-workflows';
import { startEmbeddedPostgres } from '../../scripts/lib/embedded-postgres';
import { createDatabase, databaseUrl, dropDatabase } from '../../scripts/lib/pg-admin';
import { resolveS3TestServer, resolveTemporalCli } from '../../scripts/lib/temporal-cli';
import { startTemporalDevServer } from '../../scripts/lib/temporal-dev-server';
import { startS3TestServer } from '../../scripts/lib/s3-test-server';
import {
  TEST_ADMIN,
  TEST_DATA_DIR,
  TEST_PG_PORT,
  TEST_S3_PORT,
  TEST_TEMPLATE_DB,
  TEST_TEMPORAL_PORT,
  TEST_TEMPORAL_UI_PORT,
  TEST_WORKFLOW_BUNDLE,
} from './test-env';

/** Starts real PostgreSQL, a real Temporal dev server and an S3 server once for the whole run. */
export default async function globalSetup(): Promise<void> {
  await mkdir(TEST_DATA_DIR, { recursive: true });
  const config = loadConfig({ ...process.env, DATA_DIR: join(TEST_DATA_DIR, '..') });

  const [postgres, temporal, s3] = await Promise.all([
    startEmbeddedPostgres({
      dataDir: join(TEST_DATA_DIR, 'postgres'),
      port: TEST_PG_PORT,
      database: 'postgres',
      // Throwaway data: durability settings off make the suite faster.
      postgresFlags: [
        '-c',
        'fsync=off',
        '-c',
        'synchronous_commit=off',
        '-c',
        'full_page_writes=off',
      ],
    }),
    (async () => {
      const dbFile = join(TEST_DATA_DIR, 'temporal.db');
      await rm(dbFile, { force: true });
      return startTemporalDevServer({
        cliPath: await resolveTemporalCli(config),
        dbFile,
        port: TEST_TEMPORAL_PORT,
        uiPort: TEST_TEMPORAL_UI_PORT,
        namespace: 'default',
        headless: true,
        logFile: join(TEST_DATA_DIR, 'temporal.log'),
      });
    })(),
    (async () => startS3TestServer(await resolveS3TestServer(config), TEST_S3_PORT))(),
  ]);
  globalThis.__CLIENT_HUB_SERVICES__ = { postgres, temporal, s3 };

  await dropDatabase(postgres.url, TEST_TEMPLATE_DB);
  await createDatabase(postgres.url, TEST_TEMPLATE_DB);
  await prepareDatabase(
    loadConfig({
      DATABASE_URL: databaseUrl(postgres.url, TEST_TEMPLATE_DB),
      ADMIN_EMAIL: TEST_ADMIN.email,
      ADMIN_PASSWORD: TEST_ADMIN.password,
    }),
  );
  await bundleWorkflows(TEST_WORKFLOW_BUNDLE);
  forgetOrmGlobals();

  process.env.TEST_PG_SERVER_URL = postgres.url;
  process.env.TEST_TEMPORAL_ADDRESS = temporal.address;
  process.env.TEST_S3_ENDPOINT = s3.endpoint;
}

/**
 * MikroORM keeps entity metadata on globalThis. Jest copies this process's globals into each
 * test context, where Maps from this realm fail `instanceof Map` and break discovery.
 */
function forgetOrmGlobals(): void {
  for (const key of Object.keys(globalThis)) {
    if (key.startsWith('mikro-orm-')) delete (globalThis as Record<string, unknown>)[key];
  }
}
