import type { ListQuery } from '../../common/http/list-query';
import type { SqlFragment } from '../../database/sql-fragment';
import type { SqlRunner } from '../../database/sql-runner';
import { campaignAudience } from '../campaigns/campaign-audience.repository';
import { clientCount, clientWhere } from '../clients/client-list.repository';
import type { SegmentPreview } from './segment.view';
import type { SegmentFilter, SegmentSortField } from './segments.schemas';

export interface SegmentRow {
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

/** A page of segments matching `where` (over `segment s`), in the query's order. */
export function listSegments(
  sql: SqlRunner,
  where: SqlFragment,
  query: Pick<ListQuery<unknown, SegmentSortField>, 'sort' | 'range'>,
): Promise<SegmentRow[]> {
  const dir = query.sort.order === 'DESC' ? 'desc' : 'asc';
  return sql<SegmentRow[]>(
    `select * from segment s ${where.sql} order by ${SORT[query.sort.field]} ${dir}, s.id
     limit ? offset ?`,
    [...where.params, query.range.end - query.range.start + 1, query.range.start],
  );
}

export async function countSegments(sql: SqlRunner, where: SqlFragment): Promise<number> {
  const [{ total }] = await sql<{ total: number }[]>(
    `select count(*)::int as total from segment s ${where.sql}`,
    where.params,
  );
  return total;
}

export async function findSegment(sql: SqlRunner, id: string): Promise<SegmentRow | undefined> {
  const [row] = await sql<SegmentRow[]>('select * from segment where id = ?', [id]);
  return row;
}

export async function insertSegment(
  sql: SqlRunner,
  segment: { name: string; description: string | null; filter: SegmentFilter },
  staffId: string,
): Promise<string> {
  const [row] = await sql<{ id: string }[]>(
    `insert into segment (name, description, filter, created_by_staff_id)
     values (?, ?, ?::jsonb, ?) returning id`,
    [segment.name, segment.description, JSON.stringify(segment.filter), staffId],
  );
  return row.id;
}

export async function updateSegment(
  sql: SqlRunner,
  id: string,
  segment: { name: string; description: string | null; filter: SegmentFilter },
): Promise<void> {
  await sql(
    `update segment set name = ?, description = ?, filter = ?::jsonb, updated_at = now()
     where id = ?`,
    [segment.name, segment.description, JSON.stringify(segment.filter), id],
  );
}

/** False when there is no such segment or a scheduled or sending campaign still resolves it. */
export async function deleteUnusedSegment(sql: SqlRunner, id: string): Promise<boolean> {
  const [deleted] = await sql<{ id: string }[]>(
    `delete from segment where id = ? and not exists (select 1 from campaign
       where segment_id = ? and status in ('scheduled','sending')) returning id`,
    [id, id],
  );
  return Boolean(deleted);
}

/** The clients the filter matches now. */
export async function countMatchingClients(sql: SqlRunner, filter: SegmentFilter): Promise<number> {
  const count = clientCount(filter);
  const [{ total }] = await sql<{ total: number }[]>(count.sql, count.params);
  return total;
}

/** The first few clients the filter matches, by name. */
export function sampleMatchingClients(
  sql: SqlRunner,
  filter: SegmentFilter,
): Promise<SegmentPreview['sample']> {
  const where = clientWhere(filter);
  return sql<SegmentPreview['sample']>(
    `select c.id, c.display_name as "displayName", c.email from client c ${where.sql}
     order by lower(c.display_name), c.id limit ${SAMPLE_SIZE}`,
    where.params,
  );
}

/** The same people a campaign to this filter would email, skips and all. */
export async function countReachableContacts(
  sql: SqlRunner,
  filter: SegmentFilter,
): Promise<number> {
  const audience = campaignAudience(filter);
  const [{ reachable }] = await sql<{ reachable: number }[]>(
    `select count(*)::int as reachable from (${audience.sql}) a where a.skip_reason is null`,
    audience.params,
  );
  return reachable;
}
