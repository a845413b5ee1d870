import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { CommonErrors } from '../../common/errors/common.errors';
import type { Page } from '../../common/http/content-range';
import { escapeLike } from '../../common/http/escape-like';
import { isoDate } from '../../common/http/iso-date';
import type { ListQuery } from '../../common/http/list-query';
import { pgArray } from '../../database/pg-array';
import { sampledList, type SampledListSpec } from '../../database/sampled-list';
import { whereListSpec } from '../../database/where-list-spec';
import { SqlWhere } from '../../database/sql-where';
import type { AuditFilter, AuditSortField } from './audit-events.schemas';
import type { AuditEventView } from './audit-event.view';

const COLUMNS = `id, at, actor_type as "actorType", actor_id as "actorId",
  actor_email as "actorEmail", action, target_type as "targetType", target_id as "targetId",
  client_id as "clientId", summary, ip, user_agent as "userAgent"`;

const SORT: Record<AuditSortField, string> = { at: 'e.at', action: 'e.action' };

/** Must match the expression of audit_event_search_trgm, or the trigram index is not used. */
const SEARCH_SQL = `(coalesce(actor_email, '') || ' ' || summary)`;

interface AuditEventRow {
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

/** Exports stop here; narrow the filter for more. */
export const EXPORT_MAX_ROWS = 100_000;
const EXPORT_PAGE = 5_000;

export function auditWhere(filter: AuditFilter): SqlWhere {
  const like = filter.q ? `%${escapeLike(filter.q)}%` : undefined;
  return new SqlWhere()
    .add(filter.q, `${SEARCH_SQL} ilike ?`, like)
    .add(filter.action?.length, 'action = any(?::text[])', pgArray(filter.action ?? []))
    .add(filter.actorType, 'actor_type = ?', filter.actorType)
    .add(filter.actorId, 'actor_id = ?', filter.actorId)
    .add(filter.targetType, 'target_type = ?', filter.targetType)
    .add(filter.targetId, 'target_id = ?', filter.targetId)
    .add(filter.clientId, 'client_ids @> array[?]::uuid[]', filter.clientId)
    .add(filter.from, 'at >= ?::timestamptz', filter.from)
    .add(filter.to, 'at <= ?::timestamptz', filter.to)
    .add(filter.id?.length, 'id = any(?::uuid[])', pgArray(filter.id ?? []));
}

@Injectable()
export class AuditEventsService {
  constructor(private readonly em: EntityManager) {}

  /**
   * A page planned from a sample on a large trail (see sampledList); a total above the exact
   * limit is an estimate.
   */
  async list(query: ListQuery<AuditFilter, AuditSortField>): Promise<Page<AuditEventView>> {
    const page = await sampledList<AuditEventRow>(this.em.getConnection(), auditListSpec(query));
    return { items: page.rows.map(toView), total: page.total, estimated: page.estimated };
  }

  async get(id: string): Promise<AuditEventView> {
    const [row] = await this.em
      .getConnection()
      .execute<AuditEventView[]>(`select ${COLUMNS} from audit_event where id = ?`, [id]);
    if (!row) throw CommonErrors.NOT_FOUND(`No audit event with id ${id}`);
    return withIsoDate(row);
  }

  /** Newest first, in keyset pages, up to EXPORT_MAX_ROWS. */
  async *exportRows(filter: AuditFilter): AsyncGenerator<AuditEventView> {
    const where = auditWhere(filter);
    let after: { at: string; id: string } | null = null;
    for (let sent = 0; sent < EXPORT_MAX_ROWS;) {
      const page: (AuditEventView & { raw_at: string })[] = await this.em.getConnection().execute(
        `select ${COLUMNS}, at::text as raw_at from audit_event
           ${where.sql ? `${where.sql} and` : 'where'} (?::timestamptz is null or (at, id) < (?::timestamptz, ?::uuid))
           order by at desc, id desc limit ?`,
        [
          ...where.params,
          after?.at ?? null,
          after?.at ?? null,
          after?.id ?? null,
          Math.min(EXPORT_PAGE, EXPORT_MAX_ROWS - sent),
        ],
      );
      for (const row of page) {
        const { raw_at: _raw, ...view } = row;
        yield withIsoDate(view);
      }
      sent += page.length;
      if (page.length < EXPORT_PAGE) return;
      const last = page[page.length - 1];
      after = { at: last.raw_at, id: last.id };
    }
  }
}

const withIsoDate = (e: AuditEventView): AuditEventView => ({ ...e, at: isoDate(e.at) });

const toView = (e: AuditEventRow): AuditEventView =>
  withIsoDate({
    id: e.id,
    at: e.at,
    actorType: e.actor_type,
    actorId: e.actor_id,
    actorEmail: e.actor_email,
    action: e.action,
    targetType: e.target_type,
    targetId: e.target_id,
    clientId: e.client_id,
    summary: e.summary,
    ip: e.ip,
    userAgent: e.user_agent,
  });

/**
 * Every filter but the actor and target types (a handful of values each) is found through an
 * index: a search of three letters or more through the trigram index, a client through
 * client_ids, dates through the time index.
 */
export function auditListSpec(query: ListQuery<AuditFilter, AuditSortField>): SampledListSpec {
  const { filter } = query;
  return whereListSpec(
    { table: 'audit_event', alias: 'e' },
    auditWhere(filter),
    SORT[query.sort.field],
    query,
    {
      narrowed: Boolean(
        (filter.q && filter.q.length >= 3) ||
        filter.action?.length ||
        filter.actorId ||
        filter.targetId ||
        filter.clientId ||
        filter.from ||
        filter.to ||
        filter.id?.length,
      ),
    },
  );
}
