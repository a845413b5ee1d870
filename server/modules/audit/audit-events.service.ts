import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { CommonErrors } from '../../common/errors/common.errors';
import type { Page } from '../../common/http/content-range';
import { isoDate } from '../../common/http/iso-date';
import { filterSetsOnly, type ListQuery } from '../../common/http/list-query';
import type { SampledListSpec } from '../../database/sampled-list';
import { SampledLists } from '../../database/sampled-lists.service';
import { isWordTermAlone } from '../../database/search-term';
import { whereListSpec } from '../../database/where-list-spec';
import { sqlRunner } from '../../database/sql-runner';
import type { AuditFilter, AuditSortField } from './audit-events.schemas';
import type { AuditEventView } from './audit-event.view';
import {
  AUDIT_SORT_KEYS,
  auditSeek,
  auditWhere,
  findAuditEvent,
  findAuditExportPage,
  type AuditEventRow,
} from './audit-events.repository';

/** Exports stop here; narrow the filter for more. */
export const EXPORT_MAX_ROWS = 100_000;
const EXPORT_PAGE = 5_000;

@Injectable()
export class AuditEventsService {
  constructor(
    private readonly em: EntityManager,
    private readonly lists: SampledLists,
  ) {}

  /**
   * A page planned from a sample on a large trail (see sampledList); a total above the exact
   * limit is an estimate.
   */
  async list(query: ListQuery<AuditFilter, AuditSortField>): Promise<Page<AuditEventView>> {
    const page = await this.lists.page<AuditEventRow>(auditListSpec(query));
    return { items: page.rows.map(toView), total: page.total, estimated: page.estimated };
  }

  async get(id: string): Promise<AuditEventView> {
    const row = await findAuditEvent(sqlRunner(this.em), id);
    if (!row) throw CommonErrors.NOT_FOUND(`No audit event with id ${id}`);
    return withIsoDate(row);
  }

  /** Newest first, in keyset pages, up to EXPORT_MAX_ROWS. */
  async *exportRows(filter: AuditFilter): AsyncGenerator<AuditEventView> {
    const where = auditWhere(filter);
    let after: { at: string; id: string } | null = null;
    for (let sent = 0; sent < EXPORT_MAX_ROWS;) {
      const page = await findAuditExportPage(
        sqlRunner(this.em),
        where,
        after,
        Math.min(EXPORT_PAGE, EXPORT_MAX_ROWS - sent),
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
 * An actor's or an actor type's events by date, with nothing else that an index of its own
 * finds (a search, a client, a record, ids): through those the matches may be sparse in the
 * actor's index, and the sample places them better.
 */
const byActorIndex = (filter: AuditFilter, field: AuditSortField) =>
  field === 'at' &&
  Boolean(filter.actorId || filter.actorType) &&
  filterSetsOnly(filter, ['actorId', 'actorType', 'action', 'targetType', 'from', 'to']);

/**
 * Every filter but the target type (a handful of values) is found through an index: a search,
 * a client and actions through one GIN index (a short term as word starts), dates
 * through the time index. A date range, or actions, bound the sort key when the trail is sorted
 * by it: a walk starts at their first row (the seek). An actor's or an actor type's events come
 * by date from their own indexes (actor_id, at) and (actor_type, at, id).
 */
export function auditListSpec(query: ListQuery<AuditFilter, AuditSortField>): SampledListSpec {
  const { filter } = query;
  const seek = auditSeek(filter, query.sort.field);
  return whereListSpec(
    { table: 'audit_event', alias: 'e' },
    auditWhere(filter),
    AUDIT_SORT_KEYS[query.sort.field],
    query,
    {
      narrowed: Boolean(
        filter.q ||
        filter.action?.length ||
        filter.actorId ||
        filter.actorType ||
        filter.targetId ||
        filter.clientId ||
        filter.from ||
        filter.to ||
        filter.id?.length,
      ),
      rangeable: isWordTermAlone(filter),
      orderedByIndex: byActorIndex(filter, query.sort.field),
      ...(seek.params.length && { seek: seek.fragment }),
    },
  );
}
