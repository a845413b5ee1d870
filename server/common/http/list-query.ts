import { z } from 'zod';
import { invalidField, parseInput } from '../validation/parse-input';

export type SortOrder = 'ASC' | 'DESC';

export interface ListQuery<Filter, Field extends string = string> {
  sort: { field: Field; order: SortOrder };
  range: { start: number; end: number };
  filter: Filter;
}

export interface ListSpec<Filter, Field extends string> {
  sortable: readonly Field[];
  defaultSort: { field: Field; order: SortOrder };
  filter: z.ZodType<Filter>;
  maxPageSize?: number;
}

/** Whether `filter` sets nothing but `keys` (an empty string or list sets nothing). */
export const filterSetsOnly = (filter: object, keys: readonly string[]): boolean =>
  Object.entries(filter).every(
    ([key, value]) =>
      keys.includes(key) ||
      value === undefined ||
      value === '' ||
      (Array.isArray(value) && value.length === 0),
  );

const DEFAULT_PAGE = 25;
const MAX_PAGE = 1000;

/** Parses a JSON query parameter, naming it when the JSON is malformed. */
function json(name: string, raw: unknown): unknown {
  if (raw === undefined || raw === '') return undefined;
  if (typeof raw !== 'string') return invalidField(name, 'must be given once');
  try {
    return JSON.parse(raw);
  } catch {
    return invalidField(name, 'is not valid JSON');
  }
}

/** `sort=["field","ASC"]`: one of the whitelisted fields, or `id`. */
export const listSortSchema = <Field extends string>(sortable: readonly Field[]) =>
  z
    .tuple([
      z.enum([...sortable, 'id'] as unknown as [Field | 'id', ...Field[]], {
        message: `must be one of ${sortable.join(', ')}`,
      }),
      z.enum(['ASC', 'DESC', 'asc', 'desc']).transform((o) => o.toUpperCase() as SortOrder),
    ])
    .optional();

/** `range=[0,24]`: first and last row, both included. */
export const listRangeSchema = (maxPage = MAX_PAGE) =>
  z
    .tuple([z.number().int().min(0), z.number().int().min(0)])
    .refine(([start, end]) => end >= start, { message: 'end must not be before start' })
    .refine(([start, end]) => end - start < maxPage, {
      message: `at most ${maxPage} rows per page`,
    })
    .optional();

// Built once per list: a zod schema costs more to build than a query string does to parse.
const sortSchemas = new WeakMap<readonly string[], ReturnType<typeof listSortSchema>>();
const rangeSchemas = new Map<number, ReturnType<typeof listRangeSchema>>();

function cached<K, V>(
  cache: { get(key: K): V | undefined; set(key: K, value: V): unknown },
  key: K,
  build: () => V,
): V {
  const found = cache.get(key);
  if (found) return found;
  const built = build();
  cache.set(key, built);
  return built;
}

/**
 * The ra-data-simple-rest list contract: `sort=["field","ASC"]`, `range=[0,24]`,
 * `filter={...}`. Sort fields are whitelisted; every problem is a 400 naming the parameter.
 * `id` is react-admin's default sort field: on a list without an id column it means the list's
 * default order.
 */
export function parseListQuery<Filter, Field extends string>(
  query: Record<string, unknown>,
  spec: ListSpec<Filter, Field>,
): ListQuery<Filter, Field> {
  const maxPage = spec.maxPageSize ?? MAX_PAGE;
  const sortSchema = cached(sortSchemas, spec.sortable, () => listSortSchema(spec.sortable));
  const rangeSchema = cached(rangeSchemas, maxPage, () => listRangeSchema(maxPage));

  const sort = parseInput(sortSchema, json('sort', query.sort), 'sort');
  const range = parseInput(rangeSchema, json('range', query.range), 'range');
  const filter = parseInput(spec.filter, json('filter', query.filter) ?? {}, 'filter');

  const byId = sort?.[0] === 'id' && !spec.sortable.includes('id' as Field);
  return {
    sort: sort && !byId ? { field: sort[0] as Field, order: sort[1] } : spec.defaultSort,
    range: range ? { start: range[0], end: range[1] } : { start: 0, end: DEFAULT_PAGE - 1 },
    filter,
  };
}
