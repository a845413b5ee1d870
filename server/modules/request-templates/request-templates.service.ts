import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { Page } from '../../common/http/content-range';
import { escapeLike } from '../../common/http/escape-like';
import { isoDate } from '../../common/http/iso-date';
import type { ListQuery } from '../../common/http/list-query';
import { pgArray } from '../../database/pg-array';
import { isUniqueViolation } from '../../database/unique-violation';
import { sqlTransaction } from '../../database/sql-runner';
import { SqlWhere } from '../../database/sql-where';
import type { RequestTemplateItem, RequestTemplateView } from './request-template.view';
import { RequestTemplatesErrors, templateNotFound } from './request-templates.errors';
import type {
  CreateRequestTemplateInput,
  RequestTemplateFilter,
  RequestTemplateSortField,
  UpdateRequestTemplateInput,
} from './request-templates.schemas';

interface TemplateRow {
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

@Injectable()
export class RequestTemplatesService {
  constructor(private readonly em: EntityManager) {}

  async list(
    query: ListQuery<RequestTemplateFilter, RequestTemplateSortField>,
  ): Promise<Page<RequestTemplateView>> {
    const where = new SqlWhere()
      .add(query.filter.q, 't.name ilike ?', query.filter.q && `%${escapeLike(query.filter.q)}%`)
      .add(query.filter.id?.length, 't.id = any(?::uuid[])', pgArray(query.filter.id ?? []));
    const dir = query.sort.order === 'DESC' ? 'desc' : 'asc';
    const conn = this.em.getConnection();
    const [rows, [{ total }]] = await Promise.all([
      conn.execute<TemplateRow[]>(
        `${SELECT} ${where.sql} order by ${SORT[query.sort.field]} ${dir}, t.id limit ? offset ?`,
        [...where.params, query.range.end - query.range.start + 1, query.range.start],
      ),
      conn.execute<{ total: number }[]>(
        `select count(*)::int as total from request_template t ${where.sql}`,
        where.params,
      ),
    ]);
    return { items: rows.map(toView), total };
  }

  async get(id: string): Promise<RequestTemplateView> {
    const [row] = await this.em
      .getConnection()
      .execute<TemplateRow[]>(`${SELECT} where t.id = ?`, [id]);
    if (!row) throw templateNotFound(id);
    return toView(row);
  }

  async create(input: CreateRequestTemplateInput, staffId: string): Promise<RequestTemplateView> {
    const [row] = await this.named(input.name, () =>
      this.em.getConnection().execute<{ id: string }[]>(
        `insert into request_template (name, subject, description, message, items, due_in_days,
           created_by_staff_id) values (?, ?, ?, ?, ?::jsonb, ?, ?) returning id`,
        [
          input.name,
          input.subject,
          input.description,
          input.message,
          JSON.stringify(input.items),
          input.dueInDays,
          staffId,
        ],
      ),
    );
    return this.get(row.id);
  }

  async update(id: string, input: UpdateRequestTemplateInput): Promise<RequestTemplateView> {
    const current = await this.get(id);
    const next = { ...current, ...stripUndefined(input) };
    await this.named(next.name, () =>
      this.em.getConnection().execute(
        `update request_template set name = ?, subject = ?, description = ?, message = ?,
           items = ?::jsonb, due_in_days = ?, updated_at = now() where id = ?`,
        [
          next.name,
          next.subject,
          next.description,
          next.message,
          JSON.stringify(next.items),
          next.dueInDays,
          id,
        ],
      ),
    );
    return this.get(id);
  }

  /**
   * Refused while a playbook step uses it: the playbook would fail at that step. The row lock
   * waits for a playbook being saved with it (which holds it with `for share`).
   */
  async remove(id: string): Promise<RequestTemplateView> {
    return sqlTransaction(this.em, async (sql) => {
      const [locked] = await sql<{ id: string }[]>(
        'select id from request_template where id = ? for update',
        [id],
      );
      if (!locked) throw templateNotFound(id);
      // A statement of its own: it sees what committed while the lock was awaited.
      const [row] = await sql<TemplateRow[]>(`${SELECT} where t.id = ?`, [id]);
      const view = toView(row);
      if (view.usedBy.length) {
        throw RequestTemplatesErrors.REQUEST_TEMPLATE_IN_USE(
          `The template is used by ${view.usedBy.map((p) => `playbook "${p.name}"`).join(', ')}: change those steps first.`,
          { usedBy: view.usedBy },
        );
      }
      await sql('delete from request_template where id = ?', [id]);
      return view;
    });
  }

  private async named<T>(name: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (e) {
      if (isUniqueViolation(e)) {
        throw RequestTemplatesErrors.REQUEST_TEMPLATE_NAME_TAKEN(
          `name: a request template named "${name}" already exists`,
          [{ field: 'name', message: 'already exists' }],
        );
      }
      throw e;
    }
  }
}

const stripUndefined = <T extends object>(o: T): Partial<T> =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

const toView = (r: TemplateRow): RequestTemplateView => ({
  id: r.id,
  name: r.name,
  subject: r.subject,
  description: r.description,
  message: r.message,
  items: r.items,
  dueInDays: r.due_in_days,
  createdBy: r.creator_id ? { id: r.creator_id, name: r.creator_name ?? '' } : null,
  usedBy: r.used_by,
  createdAt: isoDate(r.created_at),
  updatedAt: isoDate(r.updated_at),
});
