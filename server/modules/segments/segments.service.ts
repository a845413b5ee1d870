import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { CommonErrors } from '../../common/errors/common.errors';
import type { Page } from '../../common/http/content-range';
import { escapeLike } from '../../common/http/escape-like';
import { isoDate } from '../../common/http/iso-date';
import type { ListQuery } from '../../common/http/list-query';
import { invalidField } from '../../common/validation/parse-input';
import { pgArray } from '../../database/pg-array';
import { SqlWhere } from '../../database/sql-where';
import { isUniqueViolation } from '../../database/unique-violation';
import { campaignAudience } from '../campaigns/campaign-audience.sql';
import { clientCount, clientWhere } from '../clients/client-list.repository';
import { SegmentsErrors } from './segments.errors';
import {
  type CreateSegmentInput,
  type SegmentFilter,
  type SegmentListFilter,
  type SegmentSortField,
  type UpdateSegmentInput,
} from './segments.schemas';
import type { SegmentPreview, SegmentView } from './segment.view';

interface SegmentRow {
  id: string;
  name: string;
  description: string | null;
  filter: SegmentFilter;
  created_at: string;
  updated_at: string;
}

const SORT: Record<SegmentSortField, string> = {
  name: 'lower(s.name)',
  createdAt: 's.created_at',
  updatedAt: 's.updated_at',
};

const SAMPLE_SIZE = 10;

/** Saved client filters; counts are always computed now, never stored. */
@Injectable()
export class SegmentsService {
  constructor(private readonly em: EntityManager) {}

  async list(query: ListQuery<SegmentListFilter, SegmentSortField>): Promise<Page<SegmentView>> {
    const like = query.filter.q ? `%${escapeLike(query.filter.q)}%` : undefined;
    const where = new SqlWhere()
      .add(like, 's.name ilike ?', like)
      .add(query.filter.id?.length, 's.id = any(?::uuid[])', pgArray(query.filter.id ?? []));
    const dir = query.sort.order === 'DESC' ? 'desc' : 'asc';
    const conn = this.em.getConnection();
    const [rows, [{ total }]] = await Promise.all([
      conn.execute<SegmentRow[]>(
        `select * from segment s ${where.sql} order by ${SORT[query.sort.field]} ${dir}, s.id
         limit ? offset ?`,
        [...where.params, query.range.end - query.range.start + 1, query.range.start],
      ),
      conn.execute<{ total: number }[]>(
        `select count(*)::int as total from segment s ${where.sql}`,
        where.params,
      ),
    ]);
    return { items: await Promise.all(rows.map((r) => this.toView(r))), total };
  }

  async get(id: string): Promise<SegmentView> {
    const [row] = await this.em
      .getConnection()
      .execute<SegmentRow[]>('select * from segment where id = ?', [id]);
    if (!row) throw notFound(id);
    return this.toView(row);
  }

  async create(input: CreateSegmentInput, staffId: string): Promise<SegmentView> {
    const id = await this.unique(async () => {
      const [row] = await this.em.getConnection().execute<{ id: string }[]>(
        `insert into segment (name, description, filter, created_by_staff_id)
         values (?, ?, ?::jsonb, ?) returning id`,
        [input.name, input.description, JSON.stringify(input.filter), staffId],
      );
      return row.id;
    });
    return this.get(id);
  }

  async update(id: string, input: UpdateSegmentInput): Promise<SegmentView> {
    const current = await this.get(id);
    await this.unique(() =>
      this.em.getConnection().execute(
        `update segment set name = ?, description = ?, filter = ?::jsonb, updated_at = now()
         where id = ?`,
        [
          input.name ?? current.name,
          input.description === undefined ? current.description : input.description,
          JSON.stringify(input.filter ?? current.filter),
          id,
        ],
      ),
    );
    return this.get(id);
  }

  /** A segment a scheduled or sending campaign still resolves is kept (409). */
  async remove(id: string): Promise<SegmentView> {
    const view = await this.get(id);
    const [deleted] = await this.em.getConnection().execute<{ id: string }[]>(
      `delete from segment where id = ? and not exists (select 1 from campaign
         where segment_id = ? and status in ('scheduled','sending')) returning id`,
      [id, id],
    );
    if (!deleted) {
      throw SegmentsErrors.SEGMENT_IN_USE(
        `Segment ${view.name} is the audience of a scheduled or sending campaign: cancel it first.`,
      );
    }
    return view;
  }

  /** Who a filter reaches now: clients, reachable contacts, and the first few clients. */
  async preview(filter: SegmentFilter): Promise<SegmentPreview> {
    const where = clientWhere(filter);
    const count = clientCount(filter);
    // The same people a campaign to this filter would email, skips and all.
    const audience = campaignAudience(filter);
    const conn = this.em.getConnection();
    const [[{ total }], sample, [{ reachable }]] = await Promise.all([
      conn.execute<{ total: number }[]>(count.sql, count.params),
      conn.execute<SegmentPreview['sample']>(
        `select c.id, c.display_name as "displayName", c.email from client c ${where.sql}
         order by lower(c.display_name), c.id limit ${SAMPLE_SIZE}`,
        where.params,
      ),
      conn.execute<{ reachable: number }[]>(
        `select count(*)::int as reachable from (${audience.sql}) a where a.skip_reason is null`,
        audience.params,
      ),
    ]);
    return { clientCount: total, reachableContacts: reachable, sample };
  }

  private async toView(row: SegmentRow): Promise<SegmentView> {
    const count = clientCount(row.filter);
    const [{ total }] = await this.em
      .getConnection()
      .execute<{ total: number }[]>(count.sql, count.params);
    return {
      id: row.id,
      name: row.name,
      description: row.description,
      filter: row.filter,
      clientCount: total,
      createdAt: isoDate(row.created_at),
      updatedAt: isoDate(row.updated_at),
    };
  }

  private async unique<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (e) {
      if (isUniqueViolation(e)) {
        invalidField('name', 'another segment is already called that');
      }
      throw e;
    }
  }
}

export const notFound = (id: string) => CommonErrors.NOT_FOUND(`No segment with id ${id}`);
