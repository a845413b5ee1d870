import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { ListQuery } from '../../common/http/list-query';
import type { Page } from '../../common/http/content-range';
import { escapeLike } from '../../common/http/escape-like';
import { foldKeptCounts } from '../../database/kept-counts';
import { pgArray } from '../../database/pg-array';
import type { SqlFragment } from '../../database/sql-fragment';
import { sqlRunner } from '../../database/sql-runner';
import { Tag } from './tag.entity';
import { leastUsedColours } from './tag-colours';
import {
  countTags,
  countTagsByColour,
  findPlaybooksUsingTag,
  listTags,
  type TagRow,
} from './tags.repository';
import { TagsErrors } from './tags.errors';
import type { CreateTagInput, TagFilter, TagSortField, UpdateTagInput } from './tags.schemas';
import { isoDate } from '../../common/http/iso-date';
import type { TagView } from './tag.view';

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
    const whereSql: SqlFragment = {
      sql: where.length ? `where ${where.join(' and ')}` : '',
      params,
    };
    const sql = sqlRunner(this.em);
    await foldKeptCounts(sql, 'tag_client_counts');
    const rows = await listTags(sql, whereSql, query);
    const total = rows[0]?.total ?? (query.range.start > 0 ? await countTags(sql, whereSql) : 0);
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
      input.color ?? leastUsedColours(await countTagsByColour(sqlRunner(this.em)), 1)[0];
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
    const playbooks = await findPlaybooksUsingTag(sqlRunner(this.em), id);
    if (playbooks.length) {
      throw TagsErrors.TAG_IN_USE(
        `The tag is used by ${playbooks.map((name) => `playbook "${name}"`).join(', ')}: change those first.`,
        { playbooks },
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
