import { randomBytes } from 'node:crypto';
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
