import { Client } from 'pg';
import { createTestDatabase, type TestDatabase } from '../utils/test-database';

interface ForeignKey {
  name: string;
  table: string;
  columns: string[];
}

/**
 * Deleting a row makes PostgreSQL look up the rows that reference it, once per deleted row; a
 * reference no index leads with is a read of its whole table each time (a file request's
 * deletion read the whole Outbox). Staff accounts are deactivated, never deleted, so references
 * to them are never looked up this way.
 */
describe('foreign keys and the indexes their deletes read', () => {
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

  const foreignKeys = async (): Promise<ForeignKey[]> => {
    const { rows } = await pg.query<ForeignKey>(
      `select c.conname as name, c.conrelid::regclass::text as "table",
         array(select a.attname::text from unnest(c.conkey) with ordinality k(attnum, n)
           join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.attnum
           order by k.n) as columns
       from pg_constraint c
       where c.contype = 'f' and c.confrelid <> 'staff_user'::regclass
       order by 1`,
    );
    return rows;
  };

  /** The lookup PostgreSQL runs for a deleted row, planned for any value, reads no whole table. */
  const readsWholeTable = async (fk: ForeignKey): Promise<boolean> => {
    const match = fk.columns.map((column, i) => `${column} = $${i + 1}`).join(' and ');
    const { rows } = await pg.query<{ 'QUERY PLAN': unknown }>(
      `explain (generic_plan, format json) select 1 from only ${fk.table} where ${match}`,
    );
    return JSON.stringify(rows[0]['QUERY PLAN']).includes('"Seq Scan"');
  };

  it('finds the rows referencing a deleted row through an index, for every reference', async () => {
    const keys = await foreignKeys();
    // The schema's references: a query that found none would pass whatever the indexes.
    expect(keys.length).toBeGreaterThan(40);
    expect(keys.map((k) => k.name)).toContain('email_message_file_request_id_fkey');

    await pg.query('set enable_seqscan = off');
    const unindexed: string[] = [];
    for (const fk of keys) {
      if (await readsWholeTable(fk)) unindexed.push(`${fk.table} (${fk.columns.join(', ')})`);
    }
    expect(unindexed).toEqual([]);
  });

  it('tells a reference with no index from one with an index', async () => {
    await pg.query('create table t_parent (id int primary key)');
    await pg.query('create table t_child (parent_id int references t_parent (id))');
    await pg.query('set enable_seqscan = off');
    const fk: ForeignKey = { name: 'child', table: 't_child', columns: ['parent_id'] };

    expect(await readsWholeTable(fk)).toBe(true);
    await pg.query('create index on t_child (parent_id) where parent_id is not null');
    expect(await readsWholeTable(fk)).toBe(false);
  });
});
