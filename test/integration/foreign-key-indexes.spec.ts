import { useDatabaseClient } from '../utils/test-database';

/**
 * Deleting a row makes PostgreSQL look up the rows that reference it, once per deleted row; a
 * reference no index leads with is a read of its whole table (or of a whole index it is not the
 * first column of) each time: a file request's deletion read the whole Outbox. Staff accounts
 * are deactivated, never deleted, so references to them are never looked up this way.
 */
describe('foreign keys and the indexes their deletes read', () => {
  const client = useDatabaseClient();

  /**
   * References, other than to staff, that no index leads with: its first key columns are the
   * reference's, and it holds every row that has a value (no condition, or only that it is set).
   */
  const unindexedReferences = async (): Promise<{ all: number; unindexed: string[] }> => {
    const { rows } = await client().query<{ reference: string; indexed: boolean }>(
      `select c.conrelid::regclass::text || ' (' || c.conname || ')' as reference,
         exists (
           select 1 from pg_index i
           where i.indrelid = c.conrelid and i.indnkeyatts >= cardinality(c.conkey)
             and (i.indkey::int2[])[0:cardinality(c.conkey) - 1] @> c.conkey
             and (i.indpred is null or pg_get_expr(i.indpred, i.indrelid) = '(' || (
               select a.attname from pg_attribute a
               where a.attrelid = c.conrelid and a.attnum = c.conkey[1]) || ' IS NOT NULL)')
         ) as indexed
       from pg_constraint c
       where c.contype = 'f' and c.confrelid <> 'staff_user'::regclass`,
    );
    return { all: rows.length, unindexed: rows.filter((r) => !r.indexed).map((r) => r.reference) };
  };

  it('has an index leading with every reference', async () => {
    const { all, unindexed } = await unindexedReferences();
    // The schema's references: a query that found none would pass whatever the indexes.
    expect(all).toBeGreaterThan(40);
    expect(unindexed).toEqual([]);
  });

  it('looks up a deleted row through the index of a column most rows leave empty', async () => {
    await client().query('set enable_seqscan = off');
    // What PostgreSQL runs for a deleted file request, planned for any value.
    const { rows } = await client().query<{ 'QUERY PLAN': unknown }>(
      `explain (generic_plan, format json)
       update only email_message set file_request_id = null where $1 = file_request_id`,
    );
    expect(JSON.stringify(rows[0]['QUERY PLAN'])).toContain(
      '"Index Name":"email_message_file_request_idx"',
    );
  });

  it('tells a reference no index leads with from one an index leads with', async () => {
    await client().query('create table t_parent (id int primary key)');
    // The reference is the second column of the primary key: a lookup would read all of it.
    await client().query(
      `create table t_child (other int, parent_id int references t_parent (id),
         primary key (other, parent_id))`,
    );
    expect((await unindexedReferences()).unindexed).toEqual(['t_child (t_child_parent_id_fkey)']);
    await client().query('create index on t_child (parent_id, other) where parent_id is not null');
    expect((await unindexedReferences()).unindexed).toEqual([]);
  });
});
