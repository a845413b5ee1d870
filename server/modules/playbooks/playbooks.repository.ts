import type { Page } from '../../common/http/content-range';
import { escapeLike } from '../../common/http/escape-like';
import type { ListQuery } from '../../common/http/list-query';
import { pgArray } from '../../database/pg-array';
import type { SqlRunner } from '../../database/sql-runner';
import { SqlWhere } from '../../database/sql-where';
import type { TriggerColumns } from './playbook-definition';
import type {
  PlaybookFilter,
  PlaybookRunStatusName,
  PlaybookSortField,
  PlaybookStep,
} from './playbooks.schemas';

export interface PlaybookRow extends TriggerColumns {
  id: string;
  name: string;
  enabled: boolean;
  steps: PlaybookStep[];
  creator_id: string | null;
  creator_name: string | null;
  run_counts: Partial<Record<PlaybookRunStatusName, number>>;
  created_at: string;
  updated_at: string;
}

/** A playbook as saving reads and writes it. */
export interface StoredPlaybook extends TriggerColumns {
  name: string;
  enabled: boolean;
  steps: PlaybookStep[];
}

const PLAYBOOK_SQL = `select p.*, s.id as creator_id, trim(s.first_name || ' ' || s.last_name) as creator_name,
  (select coalesce(jsonb_object_agg(x.status, x.n), '{}')
    from (select status, count(*) as n from playbook_run where playbook_id = p.id group by status) x
  ) as run_counts
  from playbook p left join staff_user s on s.id = p.created_by_staff_id`;

const PLAYBOOK_SORT: Record<PlaybookSortField, string> = {
  name: 'lower(p.name)',
  createdAt: 'p.created_at',
  updatedAt: 'p.updated_at',
  enabled: 'p.enabled',
};

export async function listPlaybooks(
  sql: SqlRunner,
  query: ListQuery<PlaybookFilter, PlaybookSortField>,
): Promise<Page<PlaybookRow>> {
  const f = query.filter;
  const where = new SqlWhere()
    .add(f.q, 'p.name ilike ?', f.q && `%${escapeLike(f.q)}%`)
    .add(f.enabled !== undefined, 'p.enabled = ?', f.enabled)
    .add(f.triggerType?.length, 'p.trigger_type = any(?::text[])', pgArray(f.triggerType ?? []))
    .add(f.id?.length, 'p.id = any(?::uuid[])', pgArray(f.id ?? []));
  const dir = query.sort.order === 'DESC' ? 'desc' : 'asc';
  const [items, [{ total }]] = await Promise.all([
    sql<PlaybookRow[]>(
      `${PLAYBOOK_SQL} ${where.sql} order by ${PLAYBOOK_SORT[query.sort.field]} ${dir}, p.id
         limit ? offset ?`,
      [...where.params, query.range.end - query.range.start + 1, query.range.start],
    ),
    sql<{ total: number }[]>(
      `select count(*)::int as total from playbook p ${where.sql}`,
      where.params,
    ),
  ]);
  return { items, total };
}

export async function findPlaybook(sql: SqlRunner, id: string): Promise<PlaybookRow | undefined> {
  const [row] = await sql<PlaybookRow[]>(`${PLAYBOOK_SQL} where p.id = ?`, [id]);
  return row;
}

export async function playbookExists(sql: SqlRunner, id: string): Promise<boolean> {
  const [row] = await sql<{ id: string }[]>('select id from playbook where id = ?', [id]);
  return !!row;
}

/** The playbook, locked against changes and deletion until the transaction ends. */
export async function lockPlaybook(
  sql: SqlRunner,
  id: string,
): Promise<StoredPlaybook | undefined> {
  const [row] = await sql<StoredPlaybook[]>(
    `select name, enabled, trigger_type, trigger_tag_id, trigger_month, trigger_day, steps
       from playbook where id = ? for no key update`,
    [id],
  );
  return row;
}

/** Parameters for name, enabled, the trigger columns and steps, in that order. */
const columnValues = (p: StoredPlaybook): unknown[] => [
  p.name,
  p.enabled,
  p.trigger_type,
  p.trigger_tag_id,
  p.trigger_month,
  p.trigger_day,
  JSON.stringify(p.steps),
];

export async function insertPlaybook(
  sql: SqlRunner,
  playbook: StoredPlaybook,
  staffId: string,
): Promise<string> {
  const [row] = await sql<{ id: string }[]>(
    `insert into playbook (name, enabled, trigger_type, trigger_tag_id, trigger_month,
             trigger_day, steps, created_by_staff_id)
           values (?, ?, ?, ?, ?, ?, ?::jsonb, ?) returning id`,
    [...columnValues(playbook), staffId],
  );
  return row.id;
}

export async function updatePlaybook(
  sql: SqlRunner,
  id: string,
  playbook: StoredPlaybook,
): Promise<void> {
  await sql(
    `update playbook set name = ?, enabled = ?, trigger_type = ?, trigger_tag_id = ?,
             trigger_month = ?, trigger_day = ?, steps = ?::jsonb, updated_at = now()
           where id = ?`,
    [...columnValues(playbook), id],
  );
}

export async function deletePlaybook(sql: SqlRunner, id: string): Promise<void> {
  await sql('delete from playbook where id = ?', [id]);
}

/**
 * Which of `ids` are rows of `table`, held `for share` until the transaction ends, so that
 * they cannot be deleted before the playbook naming them is saved.
 */
export async function shareLockExisting(
  sql: SqlRunner,
  table: 'tag' | 'request_template',
  ids: string[],
): Promise<Set<string>> {
  const rows = await sql<{ id: string }[]>(
    `select id from ${table} where id = any(?::uuid[]) order by id for share`,
    [pgArray(ids)],
  );
  return new Set(rows.map((r) => r.id));
}
