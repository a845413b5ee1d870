import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import type { SqlCondition } from '../../common/access/access.service';
import { CommonErrors } from '../../common/errors/common.errors';
import type { Page } from '../../common/http/content-range';
import { escapeLike } from '../../common/http/escape-like';
import { isoDate } from '../../common/http/iso-date';
import type { ListQuery } from '../../common/http/list-query';
import { invalidField } from '../../common/validation/parse-input';
import { pgArray } from '../../database/pg-array';
import { sqlTransaction, type SqlRunner } from '../../database/sql-runner';
import { SqlWhere } from '../../database/sql-where';
import type { CreateGroupInput, GroupFilter, UpdateGroupInput } from './groups.schemas';
import type { GroupView } from './group.view';

export type GroupKind = 'staff' | 'contact';

interface GroupRow {
  id: string;
  name: string;
  description: string | null;
  member_ids: string[];
  member_count: number;
  created_at: string;
  updated_at: string;
}

const TABLES: Record<GroupKind, { group: string; member: string; column: string; label: string }> =
  {
    staff: {
      group: 'staff_group',
      member: 'staff_user',
      column: 'staff_user_id',
      label: 'staff user',
    },
    contact: { group: 'contact_group', member: 'contact', column: 'contact_id', label: 'contact' },
  };

/**
 * Staff groups and contact groups: the same table shapes, so one service for both. Reads take
 * `members`, a condition on `m.<member id column>` keeping the members the caller may see (null:
 * all): a group shows every member count but only the ids of those.
 */
export class GroupsService {
  private readonly t: (typeof TABLES)[GroupKind];

  constructor(
    private readonly em: EntityManager,
    readonly kind: GroupKind,
  ) {
    this.t = TABLES[kind];
  }

  async list(
    query: ListQuery<GroupFilter, 'name' | 'createdAt'>,
    members: SqlCondition | null,
  ): Promise<Page<GroupView>> {
    const { q, id } = query.filter;
    const where = new SqlWhere()
      .add(q, 'g.name ilike ?', `%${escapeLike(q ?? '')}%`)
      .add(id?.length, 'g.id = any(?::uuid[])', pgArray(id ?? []));
    const order = query.sort.field === 'name' ? 'lower(g.name)' : 'g.created_at';
    const dir = query.sort.order === 'DESC' ? 'desc' : 'asc';
    const conn = this.em.getConnection();
    const [rows, [{ total }]] = await Promise.all([
      conn.execute<GroupRow[]>(
        `${this.select(members)} ${where.sql} group by g.id order by ${order} ${dir}, g.id offset ? limit ?`,
        [
          ...(members?.params ?? []),
          ...where.params,
          query.range.start,
          query.range.end - query.range.start + 1,
        ],
      ),
      conn.execute<{ total: number }[]>(
        `select count(*)::int as total from ${this.t.group} g ${where.sql}`,
        where.params,
      ),
    ]);
    return { items: rows.map(toView), total };
  }

  async get(id: string, members: SqlCondition | null = null): Promise<GroupView> {
    const [row] = await this.em
      .getConnection()
      .execute<GroupRow[]>(`${this.select(members)} where g.id = ? group by g.id`, [
        ...(members?.params ?? []),
        id,
      ]);
    if (!row) throw CommonErrors.NOT_FOUND(`No ${this.kind} group with id ${id}`);
    return toView(row);
  }

  async create(input: CreateGroupInput): Promise<GroupView> {
    const id = await this.write(async (sql) => {
      const [row] = await sql<{ id: string }[]>(
        `insert into ${this.t.group} (name, description) values (?, ?) returning id`,
        [input.name, input.description],
      );
      await this.setMembers(sql, row.id, input.memberIds ?? []);
      return row.id;
    });
    return this.get(id);
  }

  async update(id: string, input: UpdateGroupInput): Promise<GroupView> {
    const current = await this.get(id);
    await this.write(async (sql) => {
      await sql(
        `update ${this.t.group} set name = ?, description = ?, updated_at = now() where id = ?`,
        [
          input.name ?? current.name,
          input.description !== undefined ? input.description : current.description,
          id,
        ],
      );
      if (input.memberIds) await this.setMembers(sql, id, input.memberIds);
    });
    return this.get(id);
  }

  async remove(id: string): Promise<GroupView> {
    const view = await this.get(id);
    await this.em.getConnection().execute(`delete from ${this.t.group} where id = ?`, [id]);
    return view;
  }

  private select(members: SqlCondition | null): string {
    const shown = members ? ` and ${members.sql}` : '';
    return `select g.id, g.name, g.description, g.created_at, g.updated_at,
      count(m.${this.t.column})::int as member_count,
      coalesce(array_agg(m.${this.t.column}::text)
        filter (where m.${this.t.column} is not null${shown}), '{}'::text[]) as member_ids
      from ${this.t.group} g left join ${this.t.group}_member m on m.group_id = g.id`;
  }

  private async setMembers(sql: SqlRunner, groupId: string, memberIds: string[]): Promise<void> {
    const ids = [...new Set(memberIds)];
    const found = await sql<{ id: string }[]>(
      `select id from ${this.t.member} where id = any(?::uuid[])`,
      [pgArray(ids)],
    );
    if (found.length !== ids.length) {
      const known = new Set(found.map((r) => r.id));
      invalidField(
        'memberIds',
        `no ${this.t.label} with id ${ids.filter((i) => !known.has(i)).join(', ')}`,
      );
    }
    await sql(
      `delete from ${this.t.group}_member where group_id = ? and ${this.t.column} <> all(?::uuid[])`,
      [groupId, pgArray(ids)],
    );
    await sql(
      `insert into ${this.t.group}_member (group_id, ${this.t.column})
       select ?, m from unnest(?::uuid[]) m on conflict do nothing`,
      [groupId, pgArray(ids)],
    );
  }

  private async write<T>(work: (sql: SqlRunner) => Promise<T>): Promise<T> {
    try {
      return await sqlTransaction(this.em, work);
    } catch (e) {
      if (e instanceof UniqueConstraintViolationException) {
        invalidField('name', `another ${this.kind} group is already called that`);
      }
      throw e;
    }
  }
}

const toView = (r: GroupRow): GroupView => ({
  id: r.id,
  name: r.name,
  description: r.description,
  memberIds: r.member_ids,
  memberCount: r.member_count,
  createdAt: isoDate(r.created_at),
  updatedAt: isoDate(r.updated_at),
});
