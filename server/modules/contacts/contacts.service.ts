import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import type { SqlCondition } from '../../common/access/access.service';
import type { Page } from '../../common/http/content-range';
import { isoDate } from '../../common/http/iso-date';
import type { ListQuery } from '../../common/http/list-query';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/env.schema';
import { SampledLists } from '../../database/sampled-lists.service';
import { sqlRunner, sqlTransaction, type SqlRunner } from '../../database/sql-runner';
import { TemporalService } from '../../temporal/temporal.service';
import { toInvitationSummary } from '../invitations/invitation.view';
import { contactListSpec, contactWhere } from './contact-list.repository';
import {
  deleteContact,
  findClientLinks,
  findContactRows,
  findContactTimeline,
  findExistingClientIds,
  findLatestInvitations,
  insertContact,
  linkClients,
  unlinkOtherClients,
  updateContact,
} from './contacts.repository';
import {
  toContactView,
  type ContactClientLink,
  type ContactRow,
  type ContactView,
  type TimelineEvent,
} from './contact.view';
import type {
  ContactFilter,
  ContactSortField,
  CreateContactInput,
  UpdateContactInput,
} from './contacts.schemas';
import { ContactsErrors } from './contacts.errors';

@Injectable()
export class ContactsService {
  constructor(
    private readonly em: EntityManager,
    private readonly lists: SampledLists,
    private readonly temporal: TemporalService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** `scope` (on `cc.client_id`) keeps contacts of clients the caller may see; null: all. */
  async list(
    query: ListQuery<ContactFilter, ContactSortField>,
    scope: SqlCondition | null = null,
  ): Promise<Page<ContactView>> {
    const page = await this.lists.page<ContactRow>(contactListSpec(query, scope));
    return {
      items: await this.views(page.rows, scope),
      total: page.total,
      estimated: page.estimated,
    };
  }

  async get(id: string, scope: SqlCondition | null = null): Promise<ContactView> {
    const rows = await findContactRows(sqlRunner(this.em), contactWhere({ id: [id] }, scope));
    if (!rows[0]) throw notFound(id);
    const [view] = await this.views(rows, scope);
    return view;
  }

  /** The contact's invitation history, newest first. */
  async timeline(id: string, scope: SqlCondition | null = null): Promise<TimelineEvent[]> {
    await this.get(id, scope);
    const events = await findContactTimeline(sqlRunner(this.em), id);
    return events.map((e) => ({ ...e, at: isoDate(e.at) }));
  }

  async create(input: CreateContactInput): Promise<ContactView> {
    const { clientIds = [], ...fields } = input;
    const id = await this.write(async (sql) => {
      const contactId = await insertContact(sql, fields);
      await this.link(sql, contactId, clientIds);
      return contactId;
    });
    return this.get(id);
  }

  async update(id: string, input: UpdateContactInput): Promise<ContactView> {
    await this.get(id);
    const { clientIds, ...fields } = input;
    await this.write(async (sql) => {
      await updateContact(sql, id, {
        email: fields.email,
        first_name: fields.firstName,
        last_name: fields.lastName,
        phone: fields.phone,
      });
      if (clientIds) {
        await unlinkOtherClients(sql, id, clientIds);
        await this.link(sql, id, clientIds);
      }
    });
    return this.get(id);
  }

  /** Deleting a contact ends its portal access; a running invitation finds it gone and stops. */
  async remove(id: string): Promise<ContactView> {
    const view = await this.get(id);
    await deleteContact(sqlRunner(this.em), id);
    return view;
  }

  /** Links clients (collaborator role); the first contact of a client becomes its primary. */
  private async link(sql: SqlRunner, contactId: string, clientIds: string[]): Promise<void> {
    if (!clientIds.length) return;
    const ids = [...new Set(clientIds)];
    const found = await findExistingClientIds(sql, ids);
    if (found.length !== ids.length) {
      const known = new Set(found.map((r) => r.id));
      const missing = ids.filter((i) => !known.has(i));
      throw ContactsErrors.CONTACT_UNKNOWN_CLIENTS(
        `clientIds: no client with id ${missing.join(', ')}`,
        { missing },
      );
    }
    await linkClients(sql, contactId, ids);
  }

  private async write<T>(work: (sql: SqlRunner) => Promise<T>): Promise<T> {
    try {
      return await sqlTransaction(this.em, work);
    } catch (e) {
      if (e instanceof UniqueConstraintViolationException) {
        throw ContactsErrors.CONTACT_EMAIL_TAKEN(
          'email: another contact already uses this email address',
        );
      }
      throw e;
    }
  }

  /**
   * Adds each contact's client links (only to clients in `scope`, if given) and latest
   * invitation: two queries for the page.
   */
  private async views(
    rows: ContactRow[],
    scope: SqlCondition | null = null,
  ): Promise<ContactView[]> {
    if (!rows.length) return [];
    const ids = rows.map((r) => r.id);
    const sql = sqlRunner(this.em);
    const [links, invitations] = await Promise.all([
      findClientLinks(sql, ids, scope),
      findLatestInvitations(sql, ids),
    ]);
    const ctx = {
      workflowUrl: (id: string) => this.temporal.workflowUrl(id),
      remindCooldownMs: this.config.INVITE_REMIND_COOLDOWN_SECONDS * 1000,
    };
    const linksOf = new Map<string, ContactClientLink[]>();
    for (const { contact_id, ...link } of links) {
      linksOf.set(contact_id, [...(linksOf.get(contact_id) ?? []), link]);
    }
    const invitationOf = new Map(invitations.map((i) => [i.contact_id, i]));
    return rows.map((r) => {
      const invitation = invitationOf.get(r.id);
      return toContactView(
        r,
        linksOf.get(r.id) ?? [],
        invitation ? toInvitationSummary(invitation, ctx) : null,
      );
    });
  }
}

const notFound = (id: string) => ContactsErrors.CONTACT_NOT_FOUND(`No contact with id ${id}`);
