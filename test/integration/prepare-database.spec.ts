import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { loadConfig } from '../../server/config/app-config';
import { migrationsList } from '../../server/database/migrations';
import { prepareDatabase } from '../../server/database/prepare-database';
import { createDatabase, dropDatabase } from '../../scripts/lib/pg-admin';
import { testServices } from '../utils/test-env';

/** Two API processes started at once against a new, empty database (replicas, a deploy). */
describe('preparing the database from several processes', () => {
  const name = `t_${randomBytes(6).toString('hex')}`;
  afterAll(() => dropDatabase(testServices().pgServerUrl, name));

  it('migrates once and creates one first admin when two start together', async () => {
    const url = await createDatabase(testServices().pgServerUrl, name);
    const config = loadConfig({ DATABASE_URL: url, ADMIN_EMAIL: 'first@clienthub.test' });

    const both = await Promise.all([prepareDatabase(config), prepareDatabase(config)]);

    expect(both.map((p) => p.adminEmail)).toEqual(['first@clienthub.test', 'first@clienthub.test']);
    // Only the process that created the admin shows its password.
    expect(both.filter((p) => p.generatedPassword)).toHaveLength(1);
    const pg = new Client({ connectionString: url });
    await pg.connect();
    try {
      const staff = await pg.query('select email from staff_user');
      expect(staff.rows).toEqual([{ email: 'first@clienthub.test' }]);
      const applied = await pg.query('select name from mikro_orm_migrations');
      expect(applied.rowCount).toBe(migrationsList.length);
    } finally {
      await pg.end();
    }
  });
});
