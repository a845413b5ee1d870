import { filterSetsOnly, type ListQuery } from '../../common/http/list-query';
import { pgArray } from '../../database/pg-array';
import type { SampledListSpec } from '../../database/sampled-list';
import {
  isWordTermAlone,
  matchesStarts,
  searchCondition,
  type SearchFields,
} from '../../database/search-term';
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
 * `anywhere` is the column client_search_trgm_idx covers (the searched fields, stored
 * lower-cased), and each start field must match the expression of its sort index, or the index
 * is not used. A person's display name starts with the first name, a business's is its company
 * name, so those two need no index of their own.
 */
const SEARCH: SearchFields = {
  anywhere: 'c.search_text',
  folded: true,
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

const distinctTags = (filter: ClientFilter) => [...new Set(filter.tagIds)];

/**
 * Tags are checked on the client row (`tag_ids`, kept from client_tag by triggers, see its
 * migration): a walk checks a column instead of looking up each row's tags, and
 * client_tag_ids_idx finds a tag's clients as a bitmap that PostgreSQL intersects with the
 * other filters' indexes.
 */
function clientConditions(filter: ClientFilter, scope?: SqlFragment | null) {
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
  if (filter.tagIds?.length) {
    parts.push(filter.tagMode === 'all' ? 'c.tag_ids @> ?::uuid[]' : 'c.tag_ids && ?::uuid[]');
    params.push(pgArray(distinctTags(filter)));
  }
  if (filter.excludeTagIds?.length) {
    parts.push('not (c.tag_ids && ?::uuid[])');
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
 * The total for Content-Range. Clients with any of some tags, and nothing else, are counted on
 * client_tag's index alone (its foreign key guarantees the clients exist), which reads no
 * client row; "all" of some tags intersects them in client_tag_ids_idx.
 */
export function clientCount(filter: ClientFilter, scope?: SqlFragment | null): SqlFragment {
  const tagged = taggedCount(filter, scope);
  if (tagged) return tagged;
  const where = clientWhere(filter, scope);
  return { sql: `select count(*)::int as total from client c ${where.sql}`, params: where.params };
}

/** The count on client_tag alone, when the filter is any of some tags and nothing else. */
function taggedCount(filter: ClientFilter, scope?: SqlFragment | null): SqlFragment | null {
  if (scope || !filter.tagIds?.length || filter.tagMode === 'all') return null;
  if (!filterSetsOnly(filter, ['tagIds', 'tagMode'])) return null;
  return {
    sql: 'select count(distinct ct.client_id)::int as total from client_tag ct where ct.tag_id = any(?::uuid[])',
    params: [pgArray(distinctTags(filter))],
  };
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
  const count = taggedCount(filter, scope);
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
    // Otherwise sampledList counts `where`, which is what clientCount would build again.
    ...(count && { count }),
    sortValues: SORT_VALUES[sort.field],
    nullable: NULLABLE[sort.field],
    rangeable: !scope && isWordTermAlone(filter, ['tagMode']),
    startRanges: matchesStarts(filter.q, SEARCH),
  };
}
