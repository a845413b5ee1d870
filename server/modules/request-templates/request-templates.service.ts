import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { Page } from '../../common/http/content-range';
import { isoDate } from '../../common/http/iso-date';
import type { ListQuery } from '../../common/http/list-query';
import { isUniqueViolation } from '../../database/unique-violation';
import { sqlRunner, sqlTransaction } from '../../database/sql-runner';
import type { RequestTemplateView } from './request-template.view';
import {
  deleteTemplate,
  findTemplate,
  findTemplatePage,
  insertTemplate,
  lockTemplate,
  updateTemplate,
  type TemplateRow,
} from './request-templates.repository';
import { RequestTemplatesErrors, templateNotFound } from './request-templates.errors';
import type {
  CreateRequestTemplateInput,
  RequestTemplateFilter,
  RequestTemplateSortField,
  UpdateRequestTemplateInput,
} from './request-templates.schemas';

@Injectable()
export class RequestTemplatesService {
  constructor(private readonly em: EntityManager) {}

  async list(
    query: ListQuery<RequestTemplateFilter, RequestTemplateSortField>,
  ): Promise<Page<RequestTemplateView>> {
    const { rows, total } = await findTemplatePage(sqlRunner(this.em), query);
    return { items: rows.map(toView), total };
  }

  async get(id: string): Promise<RequestTemplateView> {
    const row = await findTemplate(sqlRunner(this.em), id);
    if (!row) throw templateNotFound(id);
    return toView(row);
  }

  async create(input: CreateRequestTemplateInput, staffId: string): Promise<RequestTemplateView> {
    const id = await this.named(input.name, () =>
      insertTemplate(sqlRunner(this.em), input, staffId),
    );
    return this.get(id);
  }

  async update(id: string, input: UpdateRequestTemplateInput): Promise<RequestTemplateView> {
    const current = await this.get(id);
    const next = { ...current, ...stripUndefined(input) };
    await this.named(next.name, () => updateTemplate(sqlRunner(this.em), id, next));
    return this.get(id);
  }

  /**
   * Refused while a playbook step uses it: the playbook would fail at that step. The row lock
   * waits for a playbook being saved with it (which holds it with `for share`).
   */
  async remove(id: string): Promise<RequestTemplateView> {
    return sqlTransaction(this.em, async (sql) => {
      if (!(await lockTemplate(sql, id))) throw templateNotFound(id);
      // A statement of its own: it sees what committed while the lock was awaited.
      const view = toView((await findTemplate(sql, id))!);
      if (view.usedBy.length) {
        throw RequestTemplatesErrors.REQUEST_TEMPLATE_IN_USE(
          `The template is used by ${view.usedBy.map((p) => `playbook "${p.name}"`).join(', ')}: change those steps first.`,
          { usedBy: view.usedBy },
        );
      }
      await deleteTemplate(sql, id);
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
