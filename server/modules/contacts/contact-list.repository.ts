import type { ListQuery } from '../../common/http/list-query';
import { pgArray } from '../../database/pg-array';
import type { SampledListSpec } from '../../database/sampled-list';
import {
  isWordTermAlone,
  matchesStarts,
  searchCondition,
  type SearchFields,
} from '../../database/search-term';
import { SqlWhere } from '../../database/sql-where';
import type { SqlFragment } from '../clients/client-list.repository';
import { PORTAL_STATUSES } from '../clients/client.enums';
import type { ContactFilter, ContactSortField } from './contacts.schemas';

/** A contact's name as the lists show it: first and last name, else the email. */
export const contactNameSql = (t: string) =>
  `coalesce(nullif(trim(coalesce(${t}.first_name,'') || ' ' || coalesce(${t}.last_name,'')), ''), ${t}.email)`;

const SORT_SQL: Record<ContactSortField, string> = {
  displayName: `lower(${contactNameSql('ct')})`,
  email: 'lower(ct.email)',
  lastName: 'lower(ct.last_name)',
  firstName: 'lower(ct.first_name)',
  portalStatus: 'ct.portal_status',
  createdAt: 'ct.created_at',
  updatedAt: 'ct.updated_at',
};

/** Names can be missing: their indexes are partial, and contacts without one come last. */
const NULLABLE: Partial<Record<ContactSortField, string>> = {
  lastName: 'ct.last_name',
  firstName: 'ct.first_name',
};

/**
 * A status takes few values: a walk reads each one's contacts in id order, through
 * contact_portal_status_idx for those invited at least once (see its migration).
 */
const SORT_VALUES: Partial<Record<ContactSortField, readonly string[]>> = {
  portalStatus: PORTAL_STATUSES,
};

/**
 * Contacts by last update: only contacts changed since they were added are in
 * contact_updated_at_idx (see its migration); the others were last updated when they were
 * added, which contact_created_at_idx sorts. Their equality is written as two inequalities:
 * PostgreSQL guesses an equality of two columns holds for 0.5% of rows, and would sort the
 * table rather than walk an index for them, but each inequality for a third.
 */
const SORT_PARTS: Partial<Record<ContactSortField, SampledListSpec['sortParts']>> = {
  updatedAt: [
    { where: 'ct.updated_at <> ct.created_at', key: 'ct.updated_at' },
    {
      where: 'ct.updated_at <= ct.created_at and ct.updated_at >= ct.created_at',
      key: 'ct.created_at',
    },
  ],
};

/**
 * `anywhere` is the column contact_search_trgm_idx covers (names and email, stored lower-cased),
 * and the start fields must match those of contact_display_name_idx and contact_email_unique, or
 * the index is not used. A short term matches the start of the name as listed (the first name,
 * else the email) or of the email; a last name alone has no index to start from.
 */
const SEARCH: SearchFields = {
  anywhere: 'ct.search_text',
  folded: true,
  starts: [
    { sql: `lower(${contactNameSql('ct')})`, fold: 'lower' },
    { sql: 'lower(ct.email)', fold: 'lower' },
  ],
};

/**
 * The WHERE clause of a contact list filter (alias `ct`). A contact belongs to a client
 * directly or through a contact group (contact_client_access). `scope` (a condition on
 * `cc.client_id`) limits it to contacts of clients the caller may see, and also every filter
 * that goes through clients, so a filter on another client reveals nothing.
 */
export function contactWhere(filter: ContactFilter, scope?: SqlFragment | null): SqlFragment {
  const where = contactConditions(filter, scope);
  return { sql: where.sql, params: where.params };
}

/**
 * `rowByRow` writes the tag filter as one correlated lookup per contact (a scalar subquery
 * PostgreSQL cannot hash), for walks: the set form makes it join every tagged client's
 * contacts first, 106,000 of them for one tag at a million clients, before the first row.
 */
function contactConditions(
  filter: ContactFilter,
  scope?: SqlFragment | null,
  rowByRow = false,
): SqlWhere {
  const scoped = scope ? ` and ${scope.sql}` : '';
  const tagged = `from contact_client_access cc join client_tag t on t.client_id = cc.client_id
    where t.tag_id = any(?::uuid[])${scoped}`;
  const scopeParams = scope?.params ?? [];
  const search = searchCondition(filter.q ?? '', SEARCH);
  return new SqlWhere()
    .add(
      scope,
      `ct.id in (select cc.contact_id from contact_client_access cc where true${scoped})`,
      ...scopeParams,
    )
    .add(filter.q, search.sql, ...search.params)
    .add(filter.id, 'ct.id = any(?::uuid[])', pgArray(filter.id ?? []))
    .add(
      filter.portalStatus?.length,
      'ct.portal_status = any(?::text[])',
      pgArray(filter.portalStatus ?? []),
    )
    .add(
      filter.clientId,
      `ct.id in (select cc.contact_id from contact_client_access cc where cc.client_id = ?${scoped})`,
      filter.clientId,
      ...scopeParams,
    )
    .add(
      filter.tagIds?.length,
      rowByRow
        ? `(select true ${tagged} and cc.contact_id = ct.id limit 1)`
        : `ct.id in (select cc.contact_id ${tagged})`,
      pgArray(filter.tagIds ?? []),
      ...scopeParams,
    );
}

/**
 * A page of the contact list, planned from a sample on large tables (see sampledList): a
 * search term, a status, a client or tags narrow the candidates through an index. Every sort
 * reads an index (see the migrations that added the name, status and last update indexes).
 */
export function contactListSpec(
  query: ListQuery<ContactFilter, ContactSortField>,
  scope?: SqlFragment | null,
): SampledListSpec {
  const { filter, sort, range } = query;
  const where = contactConditions(filter, scope);
  const rowByRow = filter.tagIds?.length ? contactConditions(filter, scope, true) : null;
  return {
    table: 'contact',
    alias: 'ct',
    where: where.fragment,
    sortKey: SORT_SQL[sort.field],
    order: sort.order,
    nullable: NULLABLE[sort.field],
    sortValues: SORT_VALUES[sort.field],
    sortParts: SORT_PARTS[sort.field],
    narrowed: Boolean(
      scope ||
      filter.q ||
      filter.id?.length ||
      filter.portalStatus?.length ||
      filter.clientId ||
      filter.tagIds?.length,
    ),
    range,
    ...(rowByRow && { rowWhere: rowByRow.fragment }),
    rangeable: !scope && isWordTermAlone(filter),
    startRanges: matchesStarts(filter.q, SEARCH),
  };
}
