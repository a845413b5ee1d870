import type { ListQuery } from '../../common/http/list-query';
import { pgArray } from '../../database/pg-array';
import type { SampledListSpec } from '../../database/sampled-list';
import { SqlWhere } from '../../database/sql-where';
import { whereListSpec } from '../../database/where-list-spec';
import type { InvitationFilter, InvitationSortField } from './invitations.schemas';

/** Each sort reads its (key, id) index. */
const SORT: Record<InvitationSortField, string> = {
  createdAt: 'i.created_at',
  expiresAt: 'i.expires_at',
};

/**
 * A page of the invitation list, planned from a sample on a large table (see sampledList): a
 * contact, statuses and ids are found through an index. One status alone comes by either date
 * from its (status, key, id) index, which PostgreSQL walks in order.
 */
export function invitationListSpec(
  query: ListQuery<InvitationFilter, InvitationSortField>,
): SampledListSpec {
  const { contactId, status, id } = query.filter;
  const oneStatus = status?.length === 1;
  const where = new SqlWhere()
    .add(contactId, 'i.contact_id = ?', contactId)
    .add(oneStatus, 'i.status = ?', status?.[0])
    .add(!oneStatus && status?.length, 'i.status = any(?::text[])', pgArray(status ?? []))
    .add(id?.length, 'i.id = any(?::uuid[])', pgArray(id ?? []));
  return whereListSpec({ table: 'invitation', alias: 'i' }, where, SORT[query.sort.field], query, {
    narrowed: Boolean(contactId || status?.length || id?.length),
    orderedByIndex: oneStatus && !contactId && !id?.length,
  });
}
