import { filterSetsOnly, type ListQuery } from '../../common/http/list-query';
import { pgArray } from '../../database/pg-array';
import type { SampledListSpec } from '../../database/sampled-list';
import { isWordTermAlone, searchCondition, type SearchFields } from '../../database/search-term';
import type { SqlFragment } from '../../database/sql-fragment';
import { CLIENT_TYPES, CONNECTION_STATUSES, PORTAL_STATUSES } from './client.enums';
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

/**
 * A first name or a company name is missing on many clients (a business has no first name, a
 * person no company): their indexes hold only the clients that have one, and the others come
 * last in both directions.
 */
const NULLABLE: Partial<Record<ClientSortField, string>> = {
  firstName: 'c.first_name',
  companyName: 'c.company_name',
};

/** The values of the sort fields that take few (a type, a status), none with a (value, id) index. */
const SORT_VALUES: Partial<Record<ClientSortField, readonly string[]>> = {
  type: CLIENT_TYPES,
  connectionStatus: CONNECTION_STATUSES,
  portalStatus: PORTAL_STATUSES,
};

/**
 * `anywhere` must match the expression of client_search_trgm_idx, and each start field that of
 * its sort index, or the index is not used. A person's display name starts with the first name,
 * a business's is its company name, so those two need no index of their own.
 */
const SEARCH: SearchFields = {
  anywhere: `(coalesce(c.display_name,'') || ' ' || coalesce(c.first_name,'') || ' ' || coalesce(c.last_name,'')
  || ' ' || coalesce(c.email,'') || ' ' || coalesce(c.tax_client_id,''))`,
  starts: [
    { sql: 'lower(c.display_name)', fold: 'lower' },
    { sql: 'lower(c.last_name)', fold: 'lower' },
    { sql: 'lower(c.email)', fold: 'lower' },
    { sql: 'c.tax_client_id', fold: 'upper' },
  ],
};

export type { SqlFragment };

/**
 * The WHERE clause of a client list filter, plus `scope` (the clients the caller may see, from
 * the access service); every value is a bound parameter.
 */
export function clientWhere(filter: ClientFilter, scope?: SqlFragment | null): SqlFragment {
  const { parts, params } = clientConditions(filter, scope);
  return { sql: parts.length ? `where ${parts.join(' and ')}` : '', params };
}

/** The client's links to any of the tags in the parameter. */
const CLIENT_TAGS_AMONG =
  'from client_tag xt where xt.client_id = c.id and xt.tag_id = any(?::uuid[])';

/**
 * `rowByRow` writes the tag filters as one correlated lookup per client (a scalar subquery
 * PostgreSQL cannot hash), for the sample and walks: the set form hashes every client of the
 * tag first, 118,000 of them for one tag at a million clients, to check 2,500 sampled rows or
 * the few hundred a first page walks.
 */
function clientConditions(filter: ClientFilter, scope?: SqlFragment | null, rowByRow = false) {
  const parts: string[] = scope ? [scope.sql] : [];
  const params: unknown[] = scope ? [...scope.params] : [];
  if (filter.q) {
    const search = searchCondition(filter.q, SEARCH);
    parts.push(search.sql);
    params.push(...search.params);
  }
  if (filter.id) {
    parts.push('c.id = any(?::uuid[])');
    params.push(pgArray(filter.id));
  }
  if (filter.tagIds?.length && rowByRow) {
    const tags = distinctTags(filter);
    parts.push(
      filter.tagMode === 'all'
        ? `(select count(*) ${CLIENT_TAGS_AMONG}) = ?`
        : `(select true ${CLIENT_TAGS_AMONG} limit 1)`,
    );
    params.push(pgArray(tags), ...(filter.tagMode === 'all' ? [tags.length] : []));
  } else if (filter.tagIds?.length) {
    parts.push(`c.id in (${taggedClientIds(filter)})`);
    params.push(...tagParams(filter));
  }
  if (filter.excludeTagIds?.length) {
    parts.push(
      rowByRow
        ? `(select true ${CLIENT_TAGS_AMONG} limit 1) is null`
        : `not exists (select 1 ${CLIENT_TAGS_AMONG})`,
    );
    params.push(pgArray(filter.excludeTagIds));
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
  if (filter.hasEmail !== undefined) {
    parts.push(`(c.email is not null) = ?`);
    params.push(filter.hasEmail);
  }
  if (filter.reminderDueToday !== undefined) {
    const not = filter.reminderDueToday ? '' : 'not';
    parts.push(`c.id ${not} in (${REMINDER_DUE_TODAY_CLIENT_IDS})`);
  }
  return { parts, params };
}

/** The firm's next midnight: "today" is the firm's day, not the database server's. */
const FIRM_TOMORROW = `(select (date_trunc('day', now() at time zone f.time_zone) + interval '1 day')
  at time zone f.time_zone from firm_settings f where f.id = 'firm')`;

/** Clients with a contact whose pending invitation sends its next reminder before midnight. */
export const REMINDER_DUE_TODAY_CLIENT_IDS = `select cc.client_id from client_contact cc
  join invitation i on i.contact_id = cc.contact_id
  where i.status = 'pending' and i.next_reminder_at < ${FIRM_TOMORROW}`;

/**
 * Ids of clients carrying any (or all) of the filter's tags, from the client_tag indexes alone.
 * "All" joins one client_tag row per tag on the client; grouping every row of the tags and
 * counting them per client took 5 times as long at a million clients. Past the join collapse
 * limit (8) PostgreSQL joins them in the order written, so 50 tags stay cheap to plan.
 */
function taggedClientIds(filter: ClientFilter): string {
  if (filter.tagMode !== 'all') {
    return 'select ct.client_id from client_tag ct where ct.tag_id = any(?::uuid[])';
  }
  const joins = distinctTags(filter)
    .slice(1)
    .map(
      (_, i) =>
        `join client_tag t${i + 1} on t${i + 1}.client_id = t0.client_id and t${i + 1}.tag_id = ?`,
    );
  return `select t0.client_id from client_tag t0 ${joins.join(' ')} where t0.tag_id = ?`;
}

const distinctTags = (filter: ClientFilter) => [...new Set(filter.tagIds)];

function tagParams(filter: ClientFilter): unknown[] {
  const tags = distinctTags(filter);
  return filter.tagMode === 'all' ? [...tags.slice(1), tags[0]] : [pgArray(tags)];
}

/**
 * The total for Content-Range. A tags-only filter is counted on client_tag alone (its foreign
 * key guarantees the clients exist), which skips a scan of the whole client table.
 */
export function clientCount(filter: ClientFilter, scope?: SqlFragment | null): SqlFragment {
  if (!scope && filter.tagIds?.length && filterSetsOnly(filter, ['tagIds', 'tagMode'])) {
    return {
      sql: `select count(distinct t.client_id)::int as total from (${taggedClientIds(filter)}) t`,
      params: tagParams(filter),
    };
  }
  const where = clientWhere(filter, scope);
  return { sql: `select count(*)::int as total from client c ${where.sql}`, params: where.params };
}

/**
 * A page of the client list, planned from a sample on large tables. A search term is found
 * through the trigram index or the start fields' indexes, tags through client_tag, statuses
 * through their indexes: any of them narrows the candidates without reading the table. A type
 * has no index (each is a large share of the clients).
 */
export function clientListSpec(
  query: ListQuery<ClientFilter, ClientSortField>,
  scope?: SqlFragment | null,
): SampledListSpec {
  const { filter, sort, range } = query;
  const { parts, params } = clientConditions(filter, scope);
  const tagged = filter.tagIds?.length || filter.excludeTagIds?.length;
  const rowByRow = tagged ? clientConditions(filter, scope, true) : null;
  const narrowed = Boolean(
    scope ||
    filter.q ||
    filter.id?.length ||
    filter.tagIds?.length ||
    filter.portalStatus?.length ||
    filter.connectionStatus?.length,
  );
  return {
    table: 'client',
    alias: 'c',
    where: { sql: parts.length ? parts.join(' and ') : 'true', params },
    sortKey: SORT_SQL[sort.field],
    order: sort.order,
    narrowed,
    range,
    count: clientCount(filter, scope),
    sortValues: SORT_VALUES[sort.field],
    nullable: NULLABLE[sort.field],
    ...(rowByRow && { rowWhere: { sql: rowByRow.parts.join(' and '), params: rowByRow.params } }),
    rangeable: !scope && isWordTermAlone(filter, SEARCH, ['tagMode']),
  };
}
