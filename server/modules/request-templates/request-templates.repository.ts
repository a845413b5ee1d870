import { escapeLike } from '../../common/http/escape-like';
import type { ListQuery } from '../../common/http/list-query';
import { pgArray } from '../../database/pg-array';
import type { SqlRunner } from '../../database/sql-runner';
import { SqlWhere } from '../../database/sql-where';
import type { RequestTemplateItem } from './request-template.view';
import type {
  CreateRequestTemplateInput,
  RequestTemplateFilter,
  RequestTemplateSortField,
} from './request-templates.schemas';

export interface TemplateRow {
  id: string;
  name: string;
  subject: string;
  description: string | null;
  message: string | null;
  items: RequestTemplateItem[];
  due_in_days: number | null;
  creator_id: string | null;
  creator_name: string | null;
  used_by: { id: string; name: string }[];
  created_at: string;
  updated_at: string;
}

/** What staff write of a template. */
export type TemplateFields = Pick<
  CreateRequestTemplateInput,
  'name' | 'subject' | 'description' | 'message' | 'items' | 'dueInDays'
>;

/** Playbooks whose steps name the template `t`. */
const USED_BY = (
  t: string,
) => `(select coalesce(jsonb_agg(jsonb_build_object('id', p.id, 'name', p.name)
    order by lower(p.name)), '[]') from playbook p
  where p.steps @> jsonb_build_array(jsonb_build_object('type', 'file_request', 'templateId', ${t}.id::text)))`;

const SELECT = `select t.*, s.id as creator_id, trim(s.first_name || ' ' || s.last_name) as creator_name,
  ${USED_BY('t')} as used_by
  from request_template t left join staff_user s on s.id = t.created_by_staff_id`;

const SORT: Record<RequestTemplateSortField, string> = {
  name: 'lower(t.name)',
  createdAt: 't.created_at',
  updatedAt: 't.updated_at',
};

/** One page of templates and the total that match the filter. */
export async function findTemplatePage(
  sql: SqlRunner,
  query: ListQuery<RequestTemplateFilter, RequestTemplateSortField>,
): Promise<{ rows: TemplateRow[]; total: number }> {
  const where = new SqlWhere()
    .add(query.filter.q, 't.name ilike ?', query.filter.q && `%${escapeLike(query.filter.q)}%`)
    .add(query.filter.id?.length, 't.id = any(?::uuid[])', pgArray(query.filter.id ?? []));
  const dir = query.sort.order === 'DESC' ? 'desc' : 'asc';
  const [rows, [{ total }]] = await Promise.all([
    sql<TemplateRow[]>(
      `${SELECT} ${where.sql} order by ${SORT[query.sort.field]} ${dir}, t.id limit ? offset ?`,
      [...where.params, query.range.end - query.range.start + 1, query.range.start],
    ),
    sql<{ total: number }[]>(
      `select count(*)::int as total from request_template t ${where.sql}`,
      where.params,
    ),
  ]);
  return { rows, total };
}

export async function findTemplate(sql: SqlRunner, id: string): Promise<TemplateRow | undefined> {
  const [row] = await sql<TemplateRow[]>(`${SELECT} where t.id = ?`, [id]);
  return row;
}

/** Returns the new template's id. */
export async function insertTemplate(
  sql: SqlRunner,
  t: TemplateFields,
  staffId: string,
): Promise<string> {
  const [row] = await sql<{ id: string }[]>(
    `insert into request_template (name, subject, description, message, items, due_in_days,
           created_by_staff_id) values (?, ?, ?, ?, ?::jsonb, ?, ?) returning id`,
    [t.name, t.subject, t.description, t.message, JSON.stringify(t.items), t.dueInDays, staffId],
  );
  return row.id;
}

export async function updateTemplate(sql: SqlRunner, id: string, t: TemplateFields): Promise<void> {
  await sql(
    `update request_template set name = ?, subject = ?, description = ?, message = ?,
           items = ?::jsonb, due_in_days = ?, updated_at = now() where id = ?`,
    [t.name, t.subject, t.description, t.message, JSON.stringify(t.items), t.dueInDays, id],
  );
}

/** Locks the template against a playbook being saved with it; false when there is none. */
export async function lockTemplate(sql: SqlRunner, id: string): Promise<boolean> {
  const [locked] = await sql<{ id: string }[]>(
    'select id from request_template where id = ? for update',
    [id],
  );
  return Boolean(locked);
}

export async function deleteTemplate(sql: SqlRunner, id: string): Promise<void> {
  await sql('delete from request_template where id = ?', [id]);
}
