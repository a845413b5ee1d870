import { randomBytes } from 'node:crypto';
import { MikroORM } from '@mikro-orm/postgresql';
import { Client } from 'pg';
import { loadConfig } from '../../server/config/app-config';
import type { AppConfig } from '../../server/config/env.schema';
import { migrationsList } from '../../server/database/migrations';
import { ormOptions } from '../../server/database/mikro-orm.config';
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

  /**
   * A database whose Outbox holds 20,000 messages and whose two migrations that store the
   * searched text are undone and pending again: the second rewrites the Outbox's table, which
   * leaves its visibility map empty. Returns its pages and all-visible pages once `start` ran.
   */
  async function afterRewrite(
    suffix: string,
    start: (config: AppConfig, pg: Client) => Promise<void>,
  ): Promise<{ pages: number; visible: number }> {
    const url = await createDatabase(testServices().pgServerUrl, `${name}_${suffix}`);
    const config = loadConfig({ DATABASE_URL: url, ADMIN_EMAIL: 'first@clienthub.test' });
    const pg = new Client({ connectionString: url });
    try {
      await prepareDatabase(config);
      await pg.connect();
      await pg.query(
        `insert into email_message (id, kind, idempotency_key, to_email, from_email, subject, status)
         select gen_random_uuid(), 'invitation', 'v-' || i, 'p' || i || '@example.com',
           'office@firm.example', 'Invitation ' || i, 'sent'
         from generate_series(1, 20000) i`,
      );
      await pg.query('vacuum email_message');
      const orm = await MikroORM.init(ormOptions(url));
      await orm.getMigrator().down({ to: 'Migration20261213010000' });
      await orm.close();
      await start(config, pg);
      const {
        rows: [table],
      } = await pg.query<{ pages: number; visible: number }>(
        `select relpages as pages, relallvisible as visible from pg_class where relname = 'email_message'`,
      );
      return table;
    } finally {
      await pg.end();
      await dropDatabase(testServices().pgServerUrl, `${name}_${suffix}`);
    }
  }

  it('vacuums a table that a pending migration rewrote, so index-only scans skip it again', async () => {
    const table = await afterRewrite('v', (config) => prepareDatabase(config).then(() => {}));

    expect(table.pages).toBeGreaterThan(100);
    expect(table.visible).toBeGreaterThan(table.pages * 0.9);
  });

  it('waits for a transaction that began before the rewrite before vacuuming', async () => {
    // Autovacuum analysing a table, or another process's report: its snapshot is older than
    // the rewritten rows, so a vacuum meanwhile could mark no page all-visible.
    const table = await afterRewrite('w', async (config, pg) => {
      await pg.query('begin isolation level repeatable read');
      await pg.query('select 1');
      const prepared = prepareDatabase(config);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await pg.query('commit');
      await prepared;
    });

    expect(table.pages).toBeGreaterThan(100);
    expect(table.visible).toBeGreaterThan(table.pages * 0.9);
  });

  it('does not wait for older transactions when the migrations rewrote no table', async () => {
    const url = await createDatabase(testServices().pgServerUrl, `${name}_i`);
    const config = loadConfig({ DATABASE_URL: url, ADMIN_EMAIL: 'first@clienthub.test' });
    const pg = new Client({ connectionString: url });
    try {
      await prepareDatabase(config);
      // The last migration, undone and pending again, only adds indexes.
      const orm = await MikroORM.init(ormOptions(url));
      await orm.getMigrator().down({ to: 'Migration20261215013000' });
      await orm.close();
      await pg.connect();
      await pg.query('begin isolation level repeatable read');
      await pg.query('select 1');
      const prepared = prepareDatabase(config);
      let timer: NodeJS.Timeout | undefined;
      const waiting = new Promise<string>((resolve) => {
        timer = setTimeout(() => resolve('still waiting'), 5_000);
      });
      const outcome = await Promise.race([prepared.then(() => 'prepared'), waiting]);
      clearTimeout(timer);
      await pg.query('commit');
      await prepared;
      expect(outcome).toBe('prepared');
      const applied = await pg.query('select name from mikro_orm_migrations');
      expect(applied.rowCount).toBe(migrationsList.length);
    } finally {
      await pg.end();
      await dropDatabase(testServices().pgServerUrl, `${name}_i`);
    }
  });
});
