import { escapeLike } from '../../common/http/escape-like';
import type { ListQuery } from '../../common/http/list-query';
import { pgArray } from '../../database/pg-array';
import type { ClientFilter, ClientSortField } from './clients.schemas';

const SORT_SQL: Record<ClientSortField, string> = {
  displayName: 'lower(c.display_name)',
  lastName: 'lower(c.last_name)',
  firstName: 'lower(c.first_name)',
  companyName: 'lower(c.company_name)',
  email: 'lower(c.email)',
  taxClientId: 'c.tax_client_id',
  createdAt: 'c.created_at',
  updatedAt: 'c.updated_at',
  type: 'c.type',
  connectionStatus: 'c.connection_status',
  portalStatus: 'c.portal_status',
};

/** Must match the expression of client_search_trgm_idx, or the trigram index is not used. */
const SEARCH_SQL = `(coalesce(c.display_name,'') || ' ' || coalesce(c.first_name,'') || ' ' || coalesce(c.last_name,'')
  || ' ' || coalesce(c.email,'') || ' ' || coalesce(c.tax_client_id,''))`;

export interface SqlFragment {
  sql: string;
  params: unknown[];
}

/** The WHERE clause of a client list filter; every value is a bound parameter. */
export function clientWhere(filter: ClientFilter): SqlFragment {
  const parts: string[] = [];
  const params: unknown[] = [];
  if (filter.q) {
    parts.push(`${SEARCH_SQL} ilike ?`);
    params.push(`%${escapeLike(filter.q)}%`);
  }
  if (filter.id) {
    parts.push('c.id = any(?::uuid[])');
    params.push(pgArray(filter.id));
  }
  if (filter.tagIds?.length) {
    if (filter.tagMode === 'all') {
      parts.push(
        '(select count(*) from client_tag ct where ct.client_id = c.id and ct.tag_id = any(?::uuid[])) = ?',
      );
      params.push(pgArray(filter.tagIds), new Set(filter.tagIds).size);
    } else {
      parts.push(
        'exists (select 1 from client_tag ct where ct.client_id = c.id and ct.tag_id = any(?::uuid[]))',
      );
      params.push(pgArray(filter.tagIds));
    }
  }
  for (const [column, values] of [
    ['c.type', filter.type],
    ['c.portal_status', filter.portalStatus],
    ['c.connection_status', filter.connectionStatus],
  ] as const) {
    if (values?.length) {
      parts.push(`${column} = any(?::text[])`);
      params.push(pgArray(values));
    }
  }
  return { sql: parts.length ? `where ${parts.join(' and ')}` : '', params };
}

export function clientOrderBy(sort: ListQuery<ClientFilter, ClientSortField>['sort']): string {
  return `order by ${SORT_SQL[sort.field]} ${sort.order}, c.id ${sort.order}`;
}
