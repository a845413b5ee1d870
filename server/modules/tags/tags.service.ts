import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { ListQuery } from '../../common/http/list-query';
import type { Page } from '../../common/http/content-range';
import { escapeLike } from '../../common/http/escape-like';
import { pgArray } from '../../database/pg-array';
import { Tag } from './tag.entity';
import { leastUsedColours, TAG_COLOUR_USAGE_SQL } from './tag-colours';
import { TagsErrors } from './tags.errors';
import type { CreateTagInput, TagFilter, TagSortField, UpdateTagInput } from './tags.schemas';
import { isoDate } from '../../common/http/iso-date';
import type { TagView } from './tag.view';

const SORT_SQL: Record<TagSortField, string> = {
  name: 'lower(t.name)',
  createdAt: 't.created_at',
  clientCount: 'client_count',
};

@Injectable()
export class TagsService {
  constructor(private readonly em: EntityManager) {}

  async list(query: ListQuery<TagFilter, TagSortField>): Promise<Page<TagView>> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (query.filter.q) {
      where.push(`t.name ilike ?`);
      params.push(`%${escapeLike(query.filter.q)}%`);
    }
    if (query.filter.id) {
      where.push(`t.id = any(?::uuid[])`);
      params.push(pgArray(query.filter.id));
    }
    const whereSql = where.length ? `where ${where.join(' and ')}` : '';
    const conn = this.em.getConnection();
    const rows = await conn.execute<TagRow[]>(
      `select t.*, (select count(*) from client_tag ct where ct.tag_id = t.id)::int as client_count,
              count(*) over ()::int as total
       from tag t ${whereSql}
       order by ${SORT_SQL[query.sort.field]} ${query.sort.order}, t.id
       offset ? limit ?`,
      [...params, query.range.start, query.range.end - query.range.start + 1],
    );
    const total =
      rows[0]?.total ?? (query.range.start > 0 ? await this.count(whereSql, params) : 0);
    return { items: rows.map(toView), total };
  }

  async get(id: string): Promise<TagView> {
    const page = await this.list({
      sort: { field: 'name', order: 'ASC' },
      range: { start: 0, end: 0 },
      filter: { id: [id] },
    });
    if (!page.items[0]) throw notFound(id);
    return page.items[0];
  }

  async create(input: CreateTagInput): Promise<TagView> {
    const color =
      input.color ??
      leastUsedColours(await this.em.getConnection().execute(TAG_COLOUR_USAGE_SQL), 1)[0];
    const tag = this.em.create(Tag, { ...input, color });
    await this.flushUnique(input.name);
    return this.get(tag.id);
  }

  async update(id: string, input: UpdateTagInput): Promise<TagView> {
    const tag = await this.em.findOne(Tag, id);
    if (!tag) throw notFound(id);
    if (input.name !== undefined) tag.name = input.name;
    if (input.color !== undefined) tag.color = input.color;
    await this.flushUnique(tag.name);
    return this.get(id);
  }

  /** Refused while a playbook is triggered by the tag or changes it in a step. */
  async remove(id: string): Promise<TagView> {
    const view = await this.get(id);
    const users = await this.em.getConnection().execute<{ name: string }[]>(
      `select name from playbook where trigger_tag_id = ?
         or steps @> jsonb_build_array(jsonb_build_object('tagId', ?::text))
       order by lower(name)`,
      [id, id],
    );
    if (users.length) {
      throw TagsErrors.TAG_IN_USE(
        `The tag is used by ${users.map((p) => `playbook "${p.name}"`).join(', ')}: change those first.`,
        { playbooks: users.map((p) => p.name) },
      );
    }
    await this.em.nativeDelete(Tag, id);
    return view;
  }

  /** Ids that do not name a tag, for a clear error before anything is written. */
  async missing(ids: string[]): Promise<string[]> {
    if (!ids.length) return [];
    const found = await this.em.find(Tag, { id: { $in: ids } }, { fields: ['id'] });
    const known = new Set(found.map((t) => t.id));
    return ids.filter((id) => !known.has(id));
  }

  private async flushUnique(name: string): Promise<void> {
    try {
      await this.em.flush();
    } catch (e) {
      if (e instanceof UniqueConstraintViolationException) {
        this.em.clear();
        throw TagsErrors.TAG_NAME_TAKEN(`name: a tag named "${name}" already exists`, [
          { field: 'name', message: 'already exists' },
        ]);
      }
      throw e;
    }
  }

  private async count(whereSql: string, params: unknown[]): Promise<number> {
    const [row] = await this.em
      .getConnection()
      .execute<{ n: number }[]>(`select count(*)::int as n from tag t ${whereSql}`, params);
    return row.n;
  }
}

interface TagRow {
  id: string;
  name: string;
  color: string;
  client_count: number;
  created_at: Date;
  updated_at: Date;
  total: number;
}

const toView = (r: TagRow): TagView => ({
  id: r.id,
  name: r.name,
  color: r.color,
  clientCount: r.client_count,
  createdAt: isoDate(r.created_at),
  updatedAt: isoDate(r.updated_at),
});

const notFound = (id: string) => TagsErrors.TAG_NOT_FOUND(`No tag with id ${id}.`);
