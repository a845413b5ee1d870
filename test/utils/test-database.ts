import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { createDatabase, dropDatabase } from '../../scripts/lib/pg-admin';
import { TEST_TEMPLATE_DB, testServices } from './test-env';

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A fresh, migrated database (copied from the template) for one test file. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const { pgServerUrl } = testServices();
  const name = `t_${randomBytes(6).toString('hex')}`;
  const url = await createDatabase(pgServerUrl, name, TEST_TEMPLATE_DB);
  return { url, drop: () => dropDatabase(pgServerUrl, name) };
}

/**
 * A fresh database for the tests of one file and a client connected to it (call in a describe
 * block): the getter answers the client once `beforeAll` has run.
 */
export function useDatabaseClient(): () => Client {
  let db: TestDatabase;
  let pg: Client;
  beforeAll(async () => {
    db = await createTestDatabase();
    pg = new Client({ connectionString: db.url });
    await pg.connect();
  });
  afterAll(async () => {
    await pg.end();
    await db.drop();
  });
  return () => pg;
}
