import {
  isWordTermAlone,
  searchCondition,
  type SearchFields,
} from '../../server/database/search-term';

const fields: SearchFields = {
  anywhere: 'c.text',
  starts: [
    { sql: 'lower(c.name)', fold: 'lower' },
    { sql: 'c.code', fold: 'upper' },
  ],
};

describe('searchCondition', () => {
  it('matches a word of three letters or more anywhere', () => {
    expect(searchCondition('Smi', fields)).toEqual({ sql: 'c.text ilike ?', params: ['%Smi%'] });
  });

  it('matches stored lower-cased text with LIKE on the lower-cased term', () => {
    expect(searchCondition('Smi', { ...fields, folded: true })).toEqual({
      sql: 'c.text like lower(?)',
      params: ['%Smi%'],
    });
  });

  it('matches a longer term with a separator where a word starts, every character literal', () => {
    const { sql, params } = searchCondition('W-2', fields);
    expect(sql).toBe('c.text ~* ?');
    const pattern = new RegExp(String(params[0]), 'i');
    expect(
      [
        'W-2 and 1099 forms',
        'Your w-2 (2025)',
        'forms: W-2',
        'Send (W-2)',
        'Form\u00a0W-2',
        'Form\tW-2',
        '\u00abW-2\u00bb',
      ].map((s) => pattern.test(s)),
    ).toEqual([true, true, true, true, true, true, true]);
    expect(['saw-2', 'W 2', 'W-3'].some((s) => pattern.test(s))).toBe(false);
    const percent = new RegExp(String(searchCondition('50%x', fields).params[0]), 'i');
    expect([percent.test('50%x off'), percent.test('50 x'), percent.test('500x')]).toEqual([
      true,
      false,
      false,
    ]);
  });

  it('matches a term that starts with a separator anywhere: it is its own word break', () => {
    const pattern = new RegExp(String(searchCondition('@example', fields).params[0]), 'i');
    expect(pattern.test('ada@example.com')).toBe(true);
    expect(pattern.test('ada.example.com')).toBe(false);
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

describe('searchCondition without start fields', () => {
  const words: SearchFields = { anywhere: 'e.text' };

  it('matches a short term at the start of a word, as a regular expression the trigram index reads', () => {
    const { sql, params } = searchCondition('Ad', words);
    expect(sql).toBe('e.text ~* ?');
    const pattern = new RegExp(String(params[0]), 'i');
    expect(
      ['Ada Lovelace', 'ada@example.com', 'signed in (admin)', 'x.ad-hoc'].map((s) =>
        pattern.test(s),
      ),
    ).toEqual([true, true, true, true]);
    expect(pattern.test('Canada')).toBe(false);
  });

  it('takes every character of the term literally', () => {
    const pattern = new RegExp(String(searchCondition('.*', words).params[0]));
    expect(pattern.test('a .* b')).toBe(true);
    expect(pattern.test('anything')).toBe(false);
    expect(searchCondition('a(', words).params[0]).toMatch(/a\\\($/);
  });

  it('still matches a longer term anywhere', () => {
    expect(searchCondition('ada', words)).toEqual({ sql: 'e.text ilike ?', params: ['%ada%'] });
  });
});

describe('isWordTermAlone', () => {
  it('holds for a term of letters and digits, of any length, with no other filter', () => {
    expect(isWordTermAlone({ q: 'smi' })).toBe(true);
    expect(isWordTermAlone({ q: 'a' })).toBe(true);
    expect(isWordTermAlone({ q: 'sm' })).toBe(true);
    expect(isWordTermAlone({ q: 'Zoë42' })).toBe(true);
    expect(isWordTermAlone({ q: 'smi', status: [], clientId: undefined })).toBe(true);
    expect(isWordTermAlone({ q: 'smi', tagMode: 'any' }, ['tagMode'])).toBe(true);
  });

  it('fails for a separator or another filter', () => {
    expect(isWordTermAlone({ q: 'T-' })).toBe(false);
    expect(isWordTermAlone({ q: 'TX-00' })).toBe(false);
    expect(isWordTermAlone({ q: 'ada lovelace' })).toBe(false);
    expect(isWordTermAlone({})).toBe(false);
    expect(isWordTermAlone({ q: 'smi', status: ['open'] })).toBe(false);
    expect(isWordTermAlone({ q: 'smi', tagMode: 'any' })).toBe(false);
  });
});
