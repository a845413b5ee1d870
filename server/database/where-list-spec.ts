import type { ListQuery } from '../common/http/list-query';
import type { SampledListSpec } from './sampled-list';
import type { SqlWhere } from './sql-where';

/**
 * The sampled-list spec of a page of `table` (as `alias`) filtered by `where` and sorted by
 * `sortKey` in the query's order; `narrowed` says an index finds the matches.
 */
export function whereListSpec(
  from: { table: string; alias: string },
  where: SqlWhere,
  sortKey: string,
  query: Pick<ListQuery<unknown>, 'sort' | 'range'>,
  options: Pick<
    SampledListSpec,
    'narrowed' | 'nullsLast' | 'rangeable' | 'seek' | 'orderedByIndex'
  >,
): SampledListSpec {
  return {
    ...from,
    where: where.fragment,
    sortKey,
    order: query.sort.order,
    range: query.range,
    ...options,
  };
}
