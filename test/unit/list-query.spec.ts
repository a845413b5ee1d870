import { z } from 'zod';
import { parseListQuery } from '../../server/common/http/list-query';
import { DomainException } from '../../server/common/errors/domain.exception';

const spec = {
  sortable: ['name', 'createdAt'] as const,
  defaultSort: { field: 'name' as const, order: 'ASC' as const },
  filter: z.strictObject({ q: z.string().optional() }),
};

const errorOf = (query: Record<string, unknown>) => {
  try {
    parseListQuery(query, spec);
  } catch (e) {
    return e as DomainException;
  }
  throw new Error('expected a validation error');
};

describe('parseListQuery', () => {
  it('applies defaults', () => {
    expect(parseListQuery({}, spec)).toEqual({
      sort: { field: 'name', order: 'ASC' },
      range: { start: 0, end: 24 },
      filter: {},
    });
  });

  it('reads the ra-data-simple-rest parameters', () => {
    expect(
      parseListQuery(
        { sort: '["createdAt","desc"]', range: '[25,49]', filter: '{"q":"ada"}' },
        spec,
      ),
    ).toEqual({
      sort: { field: 'createdAt', order: 'DESC' },
      range: { start: 25, end: 49 },
      filter: { q: 'ada' },
    });
  });

  it("takes react-admin's default sort on id as the list's default order", () => {
    expect(parseListQuery({ sort: '["id","ASC"]' }, spec).sort).toEqual({
      field: 'name',
      order: 'ASC',
    });
    const byId = { ...spec, sortable: ['id', 'name'] as const };
    expect(parseListQuery({ sort: '["id","DESC"]' }, byId).sort).toEqual({
      field: 'id',
      order: 'DESC',
    });
  });

  it('names the parameter in every error', () => {
    expect(errorOf({ sort: '["email","ASC"]' }).message).toBe(
      'sort.0: must be one of name, createdAt',
    );
    expect(errorOf({ range: '[-1,3]' }).message).toMatch(/^range\.0: /);
    expect(errorOf({ filter: '[' }).message).toBe('filter: is not valid JSON');
    expect(errorOf({ filter: '{"x":1}' }).message).toBe('filter.x: unknown field');
    expect(errorOf({ sort: ['a', 'b'] }).message).toBe('sort: must be given once');
    expect(errorOf({ sort: '["name","ASC"]', range: '[0,1000]' }).code).toBe('VALIDATION_FAILED');
  });
});
