import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import type { SqlCondition } from '../../common/access/access.service';
import { CommonErrors } from '../../common/errors/common.errors';
import type { Page } from '../../common/http/content-range';
import { isoDate } from '../../common/http/iso-date';
import type { ListQuery } from '../../common/http/list-query';
import { invalidField } from '../../common/validation/parse-input';
import { sqlRunner, sqlTransaction, type SqlRunner } from '../../database/sql-runner';
import {
  deleteGroup,
  findGroup,
  findMemberIds,
  insertGroup,
  listGroups,
  replaceMembers,
  updateGroup,
  type GroupKind,
  type GroupRow,
} from './groups.repository';
import type { CreateGroupInput, GroupFilter, UpdateGroupInput } from './groups.schemas';
import type { GroupView } from './group.view';

const MEMBER_LABEL: Record<GroupKind, string> = { staff: 'staff user', contact: 'contact' };

/**
 * Staff groups and contact groups: the same table shapes, so one service for both. Reads take
 * `members`, a condition on `m.<member id column>` keeping the members the caller may see (null:
 * all): a group shows every member count but only the ids of those.
 */
export class GroupsService {
  constructor(
    private readonly em: EntityManager,
    readonly kind: GroupKind,
  ) {}

  async list(
    query: ListQuery<GroupFilter, 'name' | 'createdAt'>,
    members: SqlCondition | null,
  ): Promise<Page<GroupView>> {
    const { items, total } = await listGroups(sqlRunner(this.em), this.kind, query, members);
    return { items: items.map(toView), total };
  }

  async get(id: string, members: SqlCondition | null = null): Promise<GroupView> {
    const row = await findGroup(sqlRunner(this.em), this.kind, id, members);
    if (!row) throw CommonErrors.NOT_FOUND(`No ${this.kind} group with id ${id}`);
    return toView(row);
  }

  async create(input: CreateGroupInput): Promise<GroupView> {
    const id = await this.write(async (sql) => {
      const groupId = await insertGroup(sql, this.kind, input.name, input.description);
      await this.setMembers(sql, groupId, input.memberIds ?? []);
      return groupId;
    });
    return this.get(id);
  }

  async update(id: string, input: UpdateGroupInput): Promise<GroupView> {
    const current = await this.get(id);
    await this.write(async (sql) => {
      await updateGroup(
        sql,
        this.kind,
        id,
        input.name ?? current.name,
        input.description !== undefined ? input.description : current.description,
      );
      if (input.memberIds) await this.setMembers(sql, id, input.memberIds);
    });
    return this.get(id);
  }

  async remove(id: string): Promise<GroupView> {
    const view = await this.get(id);
    await deleteGroup(sqlRunner(this.em), this.kind, id);
    return view;
  }

  private async setMembers(sql: SqlRunner, groupId: string, memberIds: string[]): Promise<void> {
    const ids = [...new Set(memberIds)];
    const found = await findMemberIds(sql, this.kind, ids);
    if (found.length !== ids.length) {
      const known = new Set(found);
      invalidField(
        'memberIds',
        `no ${MEMBER_LABEL[this.kind]} with id ${ids.filter((i) => !known.has(i)).join(', ')}`,
      );
    }
    await replaceMembers(sql, this.kind, groupId, ids);
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
