import { pgArray } from '../../database/pg-array';
import { searchCondition } from '../../database/search-term';
import type { SqlRunner } from '../../database/sql-runner';
import { SqlWhere } from '../../database/sql-where';
import type { AuditEventView } from './audit-event.view';
import type { AuditFilter, AuditSortField } from './audit-events.schemas';

const COLUMNS = `id, at, actor_type as "actorType", actor_id as "actorId",
  actor_email as "actorEmail", action, target_type as "targetType", target_id as "targetId",
  client_id as "clientId", summary, ip, user_agent as "userAgent"`;

/** What each sort field orders by, on audit_event as `e`. */
export const AUDIT_SORT_KEYS: Record<AuditSortField, string> = { at: 'e.at', action: 'e.action' };

/**
 * Must match the searched expression of audit_event_client_action_search_idx, or that index
 * cannot find a search's matches. A term of one or two letters matches the start of a word (of
 * the email or the summary), which the same index finds; anywhere, it would read the whole trail.
 */
export const AUDIT_SEARCH = { anywhere: `(coalesce(actor_email, '') || ' ' || summary)` };

/** An audit_event row as the list reads it. */
export interface AuditEventRow {
  id: string;
  at: string;
  actor_type: string;
  actor_id: string | null;
  actor_email: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  client_id: string | null;
  summary: string;
  ip: string | null;
  user_agent: string | null;
}

/** An exported event, with its time as PostgreSQL writes it (the next page starts after it). */
export type AuditExportRow = AuditEventView & { raw_at: string };

const dateRange = (where: SqlWhere, filter: AuditFilter) =>
  where
    .add(filter.from, 'at >= ?::timestamptz', filter.from)
    .add(filter.to, 'at <= ?::timestamptz', filter.to);

const actions = (where: SqlWhere, filter: AuditFilter) =>
  where.add(filter.action?.length, 'action = any(?::text[])', pgArray(filter.action ?? []));

/**
 * The part of the filter that bounds the sort key: the date range when the trail is sorted by
 * date, the actions when by action. A walk of the key's index starts at its first row.
 */
export const auditSeek = (filter: AuditFilter, field: AuditSortField): SqlWhere =>
  (field === 'at' ? dateRange : actions)(new SqlWhere(), filter);

export function auditWhere(filter: AuditFilter): SqlWhere {
  const search = searchCondition(filter.q ?? '', AUDIT_SEARCH);
  return actions(dateRange(new SqlWhere(), filter), filter)
    .add(filter.q, search.sql, ...search.params)
    .add(filter.actorType, 'actor_type = ?', filter.actorType)
    .add(filter.actorId, 'actor_id = ?', filter.actorId)
    .add(filter.targetType, 'target_type = ?', filter.targetType)
    .add(filter.targetId, 'target_id = ?', filter.targetId)
    .add(filter.clientId, 'client_ids @> array[?]::uuid[]', filter.clientId)
    .add(filter.id?.length, 'id = any(?::uuid[])', pgArray(filter.id ?? []));
}

export async function findAuditEvent(
  sql: SqlRunner,
  id: string,
): Promise<AuditEventView | undefined> {
  const [row] = await sql<AuditEventView[]>(`select ${COLUMNS} from audit_event where id = ?`, [
    id,
  ]);
  return row;
}

/** Up to `limit` events matching `where`, newest first, after the keyset `after`. */
export function findAuditExportPage(
  sql: SqlRunner,
  where: SqlWhere,
  after: { at: string; id: string } | null,
  limit: number,
): Promise<AuditExportRow[]> {
  return sql<AuditExportRow[]>(
    `select ${COLUMNS}, at::text as raw_at from audit_event
           ${where.sql ? `${where.sql} and` : 'where'} (?::timestamptz is null or (at, id) < (?::timestamptz, ?::uuid))
           order by at desc, id desc limit ?`,
    [...where.params, after?.at ?? null, after?.at ?? null, after?.id ?? null, limit],
  );
}
