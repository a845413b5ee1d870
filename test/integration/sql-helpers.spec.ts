import { escapeLike } from '../../server/common/http/escape-like';
import { pgArray } from '../../server/database/pg-array';
import { useDatabaseClient } from '../utils/test-database';

describe('SQL helpers against PostgreSQL', () => {
  const client = useDatabaseClient();

  it.each([[[]], [['a', 'b c']], [['x"}', 'back\\slash', "it's", '{,}', 'NULL', '', null]]])(
    'pgArray round-trips %j unchanged',
    async (values) => {
      const { rows } = await client().query('select $1::text[] as v', [pgArray(values)]);
      expect(rows[0].v).toEqual(values);
    },
  );

  it('escapeLike makes wildcards literal', async () => {
    const { rows } = await client().query(
      `select s from unnest(array['50% off', '50 percent off', 'a_b', 'axb']) s where s ilike $1 or s ilike $2 order by s`,
      [`%${escapeLike('50%')}%`, escapeLike('a_b')],
    );
    expect(rows.map((r) => r.s)).toEqual(['50% off', 'a_b']);
  });
});
