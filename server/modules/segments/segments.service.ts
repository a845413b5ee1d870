import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { CommonErrors } from '../../common/errors/common.errors';
import type { Page } from '../../common/http/content-range';
import { escapeLike } from '../../common/http/escape-like';
import { isoDate } from '../../common/http/iso-date';
import type { ListQuery } from '../../common/http/list-query';
import { invalidField } from '../../common/validation/parse-input';
import { pgArray } from '../../database/pg-array';
import { sqlRunner } from '../../database/sql-runner';
import { SqlWhere } from '../../database/sql-where';
import { isUniqueViolation } from '../../database/unique-violation';
import { SegmentsErrors } from './segments.errors';
import {
  countMatchingClients,
  countReachableContacts,
  countSegments,
  deleteUnusedSegment,
  findSegment,
  insertSegment,
  listSegments,
  sampleMatchingClients,
  updateSegment,
  type SegmentRow,
} from './segments.repository';
import {
  type CreateSegmentInput,
  type SegmentFilter,
  type SegmentListFilter,
  type SegmentSortField,
  type UpdateSegmentInput,
} from './segments.schemas';
import type { SegmentPreview, SegmentView } from './segment.view';

/** Saved client filters; counts are always computed now, never stored. */
@Injectable()
export class SegmentsService {
  constructor(private readonly em: EntityManager) {}

  async list(query: ListQuery<SegmentListFilter, SegmentSortField>): Promise<Page<SegmentView>> {
    const like = query.filter.q ? `%${escapeLike(query.filter.q)}%` : undefined;
    const where = new SqlWhere()
      .add(like, 's.name ilike ?', like)
      .add(query.filter.id?.length, 's.id = any(?::uuid[])', pgArray(query.filter.id ?? []));
    const sql = sqlRunner(this.em);
    const [rows, total] = await Promise.all([
      listSegments(sql, where, query),
      countSegments(sql, where),
    ]);
    return { items: await Promise.all(rows.map((r) => this.toView(r))), total };
  }

  async get(id: string): Promise<SegmentView> {
    const row = await findSegment(sqlRunner(this.em), id);
    if (!row) throw notFound(id);
    return this.toView(row);
  }

  async create(input: CreateSegmentInput, staffId: string): Promise<SegmentView> {
    const id = await this.unique(() => insertSegment(sqlRunner(this.em), input, staffId));
    return this.get(id);
  }

  async update(id: string, input: UpdateSegmentInput): Promise<SegmentView> {
    const current = await this.get(id);
    await this.unique(() =>
      updateSegment(sqlRunner(this.em), id, {
        name: input.name ?? current.name,
        description: input.description === undefined ? current.description : input.description,
        filter: input.filter ?? current.filter,
      }),
    );
    return this.get(id);
  }

  /** A segment a scheduled or sending campaign still resolves is kept (409). */
  async remove(id: string): Promise<SegmentView> {
    const view = await this.get(id);
    if (!(await deleteUnusedSegment(sqlRunner(this.em), id))) {
      throw SegmentsErrors.SEGMENT_IN_USE(
        `Segment ${view.name} is the audience of a scheduled or sending campaign: cancel it first.`,
      );
    }
    return view;
  }

  /** Who a filter reaches now: clients, reachable contacts, and the first few clients. */
  async preview(filter: SegmentFilter): Promise<SegmentPreview> {
    const sql = sqlRunner(this.em);
    const [total, sample, reachable] = await Promise.all([
      countMatchingClients(sql, filter),
      sampleMatchingClients(sql, filter),
      countReachableContacts(sql, filter),
    ]);
    return { clientCount: total, reachableContacts: reachable, sample };
  }

  private async toView(row: SegmentRow): Promise<SegmentView> {
    const total = await countMatchingClients(sqlRunner(this.em), row.filter);
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
