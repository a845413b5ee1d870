import { searchCondition, type SearchFields } from '../../server/database/search-term';

const fields: SearchFields = {
  anywhere: 'c.text',
  starts: [
    { sql: 'lower(c.name)', fold: 'lower' },
    { sql: 'c.code', fold: 'upper' },
  ],
};

describe('searchCondition', () => {
  it('matches a term of three letters or more anywhere, wildcards literal', () => {
    expect(searchCondition('50%x', fields)).toEqual({
      sql: 'c.text ilike ?',
      params: ['%50\\%x%'],
    });
  });

  it('matches a shorter term at the start of each field, as a range its index can read', () => {
    const { sql, params } = searchCondition('Tx', fields);
    expect(sql).toBe(
      '((lower(c.name) >= ? and lower(c.name) < ? and lower(c.name) like ?) or (c.code >= ? and c.code < ? and c.code like ?))',
    );
    expect(params).toEqual(['tx', 'ty', 'tx%', 'TX', 'TY', 'TX%']);
  });

  it('ends the range after the last letter, whatever its width, and escapes wildcards', () => {
    expect(searchCondition('é', fields).params.slice(0, 3)).toEqual(['é', 'ê', 'é%']);
    expect(searchCondition('a😀', fields).params.slice(0, 2)).toEqual(['a😀', 'a😁']);
    expect(searchCondition('_', fields).params.slice(0, 3)).toEqual(['_', '`', '\\_%']);
  });
});
