import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { CommonErrorCode, CommonException } from '../../common/errors/common.exception';
import type { Page } from '../../common/http/content-range';
import { escapeLike } from '../../common/http/escape-like';
import { isoDate } from '../../common/http/iso-date';
import type { ListQuery } from '../../common/http/list-query';
import { pgArray } from '../../database/pg-array';
import { SqlWhere } from '../../database/sql-where';
import type { AuditFilter, AuditSortField } from './audit-events.schemas';

export interface AuditEventView {
  id: string;
  at: string;
  actorType: string;
  actorId: string | null;
  actorEmail: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  clientId: string | null;
  summary: string;
  ip: string | null;
  userAgent: string | null;
}

const COLUMNS = `id, at, actor_type as "actorType", actor_id as "actorId",
  actor_email as "actorEmail", action, target_type as "targetType", target_id as "targetId",
  client_id as "clientId", summary, ip, user_agent as "userAgent"`;

const SORT: Record<AuditSortField, string> = { at: 'at', action: 'action' };

/** Exports stop here; narrow the filter for more. */
export const EXPORT_MAX_ROWS = 100_000;
const EXPORT_PAGE = 5_000;

export function auditWhere(filter: AuditFilter): SqlWhere {
  const like = filter.q ? `%${escapeLike(filter.q)}%` : undefined;
  return new SqlWhere()
    .add(filter.q, '(actor_email ilike ? or summary ilike ?)', like, like)
    .add(filter.action?.length, 'action = any(?::text[])', pgArray(filter.action ?? []))
    .add(filter.actorType, 'actor_type = ?', filter.actorType)
    .add(filter.actorId, 'actor_id = ?', filter.actorId)
    .add(filter.targetType, 'target_type = ?', filter.targetType)
    .add(filter.targetId, 'target_id = ?', filter.targetId)
    .add(
      filter.clientId,
      '(client_id = ? or client_ids @> array[?]::uuid[])',
      filter.clientId,
      filter.clientId,
    )
    .add(filter.from, 'at >= ?::timestamptz', filter.from)
    .add(filter.to, 'at <= ?::timestamptz', filter.to)
    .add(filter.id?.length, 'id = any(?::uuid[])', pgArray(filter.id ?? []));
}

@Injectable()
export class AuditEventsService {
  constructor(private readonly em: EntityManager) {}

  async list(query: ListQuery<AuditFilter, AuditSortField>): Promise<Page<AuditEventView>> {
    const where = auditWhere(query.filter);
    const dir = query.sort.order === 'DESC' ? 'desc' : 'asc';
    const conn = this.em.getConnection();
    const [rows, [{ total }]] = await Promise.all([
      conn.execute<AuditEventView[]>(
        `select ${COLUMNS} from audit_event ${where.sql}
         order by ${SORT[query.sort.field]} ${dir}, at desc, id offset ? limit ?`,
        [...where.params, query.range.start, query.range.end - query.range.start + 1],
      ),
      conn.execute<{ total: number }[]>(
        `select count(*)::int as total from audit_event ${where.sql}`,
        where.params,
      ),
    ]);
    return { items: rows.map(withIsoDate), total };
  }

  async get(id: string): Promise<AuditEventView> {
    const [row] = await this.em
      .getConnection()
      .execute<AuditEventView[]>(`select ${COLUMNS} from audit_event where id = ?`, [id]);
    if (!row) throw new CommonException(CommonErrorCode.NOT_FOUND, `No audit event with id ${id}`);
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
