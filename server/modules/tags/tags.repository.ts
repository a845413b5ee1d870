import type { ListQuery } from '../../common/http/list-query';
import type { SqlFragment } from '../../database/sql-fragment';
import type { SqlRunner } from '../../database/sql-runner';
import type { TagSortField } from './tags.schemas';

const SORT_SQL: Record<TagSortField, string> = {
  name: 'lower(t.name)',
  createdAt: 't.created_at',
  clientCount: 'client_count',
};

export interface TagRow {
  id: string;
  name: string;
  color: string;
  client_count: number;
  created_at: Date;
  updated_at: Date;
  total: number;
}

/** How many tags wear each colour (a new tag takes one of the least used). */
export const countTagsByColour = (sql: SqlRunner) =>
  sql<{ color: string; count: number }[]>(
    `select color, count(*)::int as count from tag group by color`,
  );

/**
 * A page of tags (`where` as built from the filter), each with its client count (the sum of
 * its kept counts, see kept-counts.ts) and the total.
 */
export function listTags(
  sql: SqlRunner,
  where: SqlFragment,
  query: Pick<ListQuery<unknown, TagSortField>, 'sort' | 'range'>,
): Promise<TagRow[]> {
  return sql<TagRow[]>(
    `select t.*, coalesce(c.clients, 0)::int as client_count, count(*) over ()::int as total
     from tag t
     left join (select tag_id, sum(delta) as clients from tag_client_counts group by tag_id) c
       on c.tag_id = t.id
     ${where.sql}
     order by ${SORT_SQL[query.sort.field]} ${query.sort.order}, t.id
     offset ? limit ?`,
    [...where.params, query.range.start, query.range.end - query.range.start + 1],
  );
}

export async function countTags(sql: SqlRunner, where: SqlFragment): Promise<number> {
  const [row] = await sql<{ n: number }[]>(
    `select count(*)::int as n from tag t ${where.sql}`,
    where.params,
  );
  return row.n;
}

/** Names of the playbooks triggered by the tag or changing it in a step, by name. */
export async function findPlaybooksUsingTag(sql: SqlRunner, tagId: string): Promise<string[]> {
  const users = await sql<{ name: string }[]>(
    `select name from playbook where trigger_tag_id = ?
       or steps @> jsonb_build_array(jsonb_build_object('tagId', ?::text))
     order by lower(name)`,
    [tagId, tagId],
  );
  return users.map((p) => p.name);
}
