import type { SqlCondition } from '../../common/access/access.service';
import type { Page } from '../../common/http/content-range';
import { escapeLike } from '../../common/http/escape-like';
import type { ListQuery } from '../../common/http/list-query';
import { pgArray } from '../../database/pg-array';
import type { SqlRunner } from '../../database/sql-runner';
import { SqlWhere } from '../../database/sql-where';
import type { GroupFilter } from './groups.schemas';

export type GroupKind = 'staff' | 'contact';

export interface GroupRow {
  id: string;
  name: string;
  description: string | null;
  member_ids: string[];
  member_count: number;
  created_at: string;
  updated_at: string;
}

/** Staff groups and contact groups have the same table shapes. */
const TABLES: Record<GroupKind, { group: string; member: string; column: string }> = {
  staff: { group: 'staff_group', member: 'staff_user', column: 'staff_user_id' },
  contact: { group: 'contact_group', member: 'contact', column: 'contact_id' },
};

/**
 * `members`, a condition on `m.<member id column>` (params first), keeps the member ids the
 * caller may see (null: all); the count is of every member.
 */
function groupSelect(kind: GroupKind, members: SqlCondition | null): string {
  const t = TABLES[kind];
  const shown = members ? ` and ${members.sql}` : '';
  return `select g.id, g.name, g.description, g.created_at, g.updated_at,
      count(m.${t.column})::int as member_count,
      coalesce(array_agg(m.${t.column}::text)
        filter (where m.${t.column} is not null${shown}), '{}'::text[]) as member_ids
      from ${t.group} g left join ${t.group}_member m on m.group_id = g.id`;
}

export async function listGroups(
  sql: SqlRunner,
  kind: GroupKind,
  query: ListQuery<GroupFilter, 'name' | 'createdAt'>,
  members: SqlCondition | null,
): Promise<Page<GroupRow>> {
  const { q, id } = query.filter;
  const where = new SqlWhere()
    .add(q, 'g.name ilike ?', `%${escapeLike(q ?? '')}%`)
    .add(id?.length, 'g.id = any(?::uuid[])', pgArray(id ?? []));
  const order = query.sort.field === 'name' ? 'lower(g.name)' : 'g.created_at';
  const dir = query.sort.order === 'DESC' ? 'desc' : 'asc';
  const [items, [{ total }]] = await Promise.all([
    sql<GroupRow[]>(
      `${groupSelect(kind, members)} ${where.sql} group by g.id order by ${order} ${dir}, g.id offset ? limit ?`,
      [
        ...(members?.params ?? []),
        ...where.params,
        query.range.start,
        query.range.end - query.range.start + 1,
      ],
    ),
    sql<{ total: number }[]>(
      `select count(*)::int as total from ${TABLES[kind].group} g ${where.sql}`,
      where.params,
    ),
  ]);
  return { items, total };
}

export async function findGroup(
  sql: SqlRunner,
  kind: GroupKind,
  id: string,
  members: SqlCondition | null,
): Promise<GroupRow | undefined> {
  const [row] = await sql<GroupRow[]>(
    `${groupSelect(kind, members)} where g.id = ? group by g.id`,
    [...(members?.params ?? []), id],
  );
  return row;
}

export async function insertGroup(
  sql: SqlRunner,
  kind: GroupKind,
  name: string,
  description: string | null | undefined,
): Promise<string> {
  const [row] = await sql<{ id: string }[]>(
    `insert into ${TABLES[kind].group} (name, description) values (?, ?) returning id`,
    [name, description],
  );
  return row.id;
}

export async function updateGroup(
  sql: SqlRunner,
  kind: GroupKind,
  id: string,
  name: string,
  description: string | null | undefined,
): Promise<void> {
  await sql(
    `update ${TABLES[kind].group} set name = ?, description = ?, updated_at = now() where id = ?`,
    [name, description, id],
  );
}

export async function deleteGroup(sql: SqlRunner, kind: GroupKind, id: string): Promise<void> {
  await sql(`delete from ${TABLES[kind].group} where id = ?`, [id]);
}

/** Which of `ids` are staff users (or contacts, for a contact group). */
export async function findMemberIds(
  sql: SqlRunner,
  kind: GroupKind,
  ids: string[],
): Promise<string[]> {
  const found = await sql<{ id: string }[]>(
    `select id from ${TABLES[kind].member} where id = any(?::uuid[])`,
    [pgArray(ids)],
  );
  return found.map((r) => r.id);
}

/** The group's members become `ids`: the others are removed, the missing added. */
export async function replaceMembers(
  sql: SqlRunner,
  kind: GroupKind,
  groupId: string,
  ids: string[],
): Promise<void> {
  const t = TABLES[kind];
  await sql(`delete from ${t.group}_member where group_id = ? and ${t.column} <> all(?::uuid[])`, [
    groupId,
    pgArray(ids),
  ]);
  await sql(
    `insert into ${t.group}_member (group_id, ${t.column})
       select ?, m from unnest(?::uuid[]) m on conflict do nothing`,
    [groupId, pgArray(ids)],
  );
}
