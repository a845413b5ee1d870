import {
  EntityManager,
  UniqueConstraintViolationException,
  type FilterQuery,
} from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { AccessService } from '../../common/access/access.service';
import type { SessionView } from '../../common/auth/session.view';
import { SessionsService } from '../../common/auth/sessions.service';
import type { Principal } from '../../common/auth/principal';
import type { Page } from '../../common/http/content-range';
import { escapeLike } from '../../common/http/escape-like';
import { isoDate } from '../../common/http/iso-date';
import type { ListQuery } from '../../common/http/list-query';
import { transactionRunner } from '../../database/sql-runner';
import { AccountLinksService } from '../account-links/account-links.service';
import { StaffUser } from './staff-user.entity';
import { StaffErrors } from './staff.errors';
import type {
  CreateStaffInput,
  StaffFilter,
  StaffSortField,
  UpdateStaffInput,
} from './staff.schemas';
import type { StaffSessionsEnded, StaffView } from './staff.view';

@Injectable()
export class StaffService {
  constructor(
    private readonly em: EntityManager,
    private readonly sessions: SessionsService,
    private readonly access: AccessService,
    private readonly links: AccountLinksService,
  ) {}

  async list(query: ListQuery<StaffFilter, StaffSortField>): Promise<Page<StaffView>> {
    const { q, id, active } = query.filter;
    const where: FilterQuery<StaffUser> = {
      ...(id ? { id: { $in: id } } : {}),
      ...(active !== undefined ? { active } : {}),
      ...(q
        ? {
            $or: ['email', 'firstName', 'lastName'].map((f) => ({
              [f]: { $ilike: `%${escapeLike(q)}%` },
            })),
          }
        : {}),
    };
    const [users, total] = await this.em.findAndCount(StaffUser, where, {
      orderBy: { [query.sort.field]: query.sort.order.toLowerCase(), id: 'asc' },
      offset: query.range.start,
      limit: query.range.end - query.range.start + 1,
    });
    return { items: users.map(toStaffView), total };
  }

  async get(id: string): Promise<StaffView> {
    return toStaffView(await this.find(id));
  }

  /**
   * Staff choose their own password: the account is created with none, and its invitation
   * link is queued in the same transaction.
   */
  async create(input: CreateStaffInput, by: Principal): Promise<StaffView> {
    this.access.assertMayManageFirmRoles(by, input.roles);
    const user = await this.em
      .transactional(async (tem) => {
        const created = tem.create(StaffUser, input);
        await tem.flush();
        await this.links.issue(
          transactionRunner(tem),
          { kind: 'staff', id: created.id, email: created.email, firstName: created.firstName },
          'staff_invitation',
        );
        return created;
      })
      .catch((e: unknown) => this.rethrowTaken(e, input.email));
    this.links.sent();
    return toStaffView(user);
  }

  /**
   * Deactivating (`active: false`, also what DELETE does) ends their sessions; the last active
   * staff admin stays. Passwords are not set here: staff reset their own by email.
   */
  async update(id: string, input: UpdateStaffInput, by: Principal): Promise<StaffView> {
    const user = await this.find(id);
    this.access.assertMayManageFirmRoles(by, user.roles, input.roles ?? []);
    // Checked before any change: the count query would otherwise auto-flush the change first.
    await this.assertAnAdminRemains(user.id, {
      active: input.active ?? user.active,
      roles: input.roles ?? user.roles,
    });
    this.em.assign(user, input);
    await this.em.flush().catch((e: unknown) => this.rethrowTaken(e, user.email));
    if (user.active === false) await this.sessions.revokeAllOf({ kind: 'staff', id: user.id });
    return toStaffView(user);
  }

  /** A member's live sessions, for a Staff Admin who may manage their roles. */
  async listSessions(id: string, by: Principal): Promise<SessionView[]> {
    const user = await this.find(id);
    this.access.assertMayManageFirmRoles(by, user.roles);
    return this.sessions.list({ kind: 'staff', id: user.id }, by.sessionTokenHash);
  }

  /** Signs a member out everywhere (the admin too, if it is their own account). */
  async endSessions(id: string, by: Principal): Promise<StaffSessionsEnded> {
    const user = await this.find(id);
    this.access.assertMayManageFirmRoles(by, user.roles);
    const ended = await this.sessions.revokeAllOf({ kind: 'staff', id: user.id });
    return { id: user.id, email: user.email, ended };
  }

  private async assertAnAdminRemains(
    id: string,
    next: Pick<StaffUser, 'active' | 'roles'>,
  ): Promise<void> {
    if (next.active && next.roles.includes('staff_admin')) return;
    const others = await this.em.count(StaffUser, {
      id: { $ne: id },
      active: true,
      roles: { $contains: ['staff_admin'] },
    });
    if (others === 0) {
      throw StaffErrors.STAFF_LAST_ADMIN('The firm needs at least one active Staff Admin.');
    }
  }

  private async find(id: string): Promise<StaffUser> {
    const user = await this.em.findOne(StaffUser, id);
    if (!user) throw StaffErrors.STAFF_NOT_FOUND(`No staff user with id ${id}.`);
    return user;
  }

  private rethrowTaken(e: unknown, email: string): never {
    if (e instanceof UniqueConstraintViolationException) {
      this.em.clear();
      throw StaffErrors.STAFF_EMAIL_TAKEN(`email: ${email} already has an account`);
    }
    throw e;
  }
}

export const toStaffView = (u: StaffUser): StaffView => ({
  id: u.id,
  email: u.email,
  firstName: u.firstName,
  lastName: u.lastName,
  roles: u.roles,
  active: u.active,
  lastLoginAt: isoDate(u.lastLoginAt ?? null),
  createdAt: isoDate(u.createdAt),
});
