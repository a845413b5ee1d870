import { Client } from 'pg';
import { escapeLike } from '../../server/common/http/escape-like';
import { pgArray } from '../../server/database/pg-array';
import { createTestDatabase, type TestDatabase } from '../utils/test-database';

describe('SQL helpers against PostgreSQL', () => {
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

  it.each([[[]], [['a', 'b c']], [['x"}', 'back\\slash', "it's", '{,}', 'NULL', '', null]]])(
    'pgArray round-trips %j unchanged',
    async (values) => {
      const { rows } = await pg.query('select $1::text[] as v', [pgArray(values)]);
      expect(rows[0].v).toEqual(values);
    },
  );

  it('escapeLike makes wildcards literal', async () => {
    const { rows } = await pg.query(
      `select s from unnest(array['50% off', '50 percent off', 'a_b', 'axb']) s where s ilike $1 or s ilike $2 order by s`,
      [`%${escapeLike('50%')}%`, escapeLike('a_b')],
    );
    expect(rows.map((r) => r.s)).toEqual(['50% off', 'a_b']);
  });
});
