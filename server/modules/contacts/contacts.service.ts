import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import type { SqlCondition } from '../../common/access/access.service';
import type { Page } from '../../common/http/content-range';
import { isoDate } from '../../common/http/iso-date';
import type { ListQuery } from '../../common/http/list-query';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/env.schema';
import { pgArray } from '../../database/pg-array';
import { sampledList } from '../../database/sampled-list';
import { sqlTransaction, type SqlRunner } from '../../database/sql-runner';
import { TemporalService } from '../../temporal/temporal.service';
import {
  INVITATION_COLUMNS,
  toInvitationSummary,
  type InvitationRow,
} from '../invitations/invitation.view';
import { contactListSpec, contactWhere } from './contact-list.sql';
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
    private readonly temporal: TemporalService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** `scope` (on `cc.client_id`) keeps contacts of clients the caller may see; null: all. */
  async list(
    query: ListQuery<ContactFilter, ContactSortField>,
    scope: SqlCondition | null = null,
  ): Promise<Page<ContactView>> {
    const page = await sampledList<ContactRow>(
      this.em.getConnection(),
      contactListSpec(query, scope),
    );
    return {
      items: await this.views(page.rows, scope),
      total: page.total,
      estimated: page.estimated,
    };
  }

  async get(id: string, scope: SqlCondition | null = null): Promise<ContactView> {
    const where = contactWhere({ id: [id] }, scope);
    const rows = await this.em
      .getConnection()
      .execute<ContactRow[]>(`select ct.* from contact ct ${where.sql}`, where.params);
    if (!rows[0]) throw notFound(id);
    const [view] = await this.views(rows, scope);
    return view;
  }

  /** The contact's invitation history, newest first. */
  async timeline(id: string, scope: SqlCondition | null = null): Promise<TimelineEvent[]> {
    await this.get(id, scope);
    const events = await this.em.getConnection().execute<TimelineEvent[]>(
      `select id, at, invitation_id as "invitationId", kind, detail from invitation_event
       where contact_id = ? order by at desc, id limit 500`,
      [id],
    );
    return events.map((e) => ({ ...e, at: isoDate(e.at) }));
  }

  async create(input: CreateContactInput): Promise<ContactView> {
    const { clientIds = [], ...fields } = input;
    const id = await this.write(async (sql) => {
      const [row] = await sql<{ id: string }[]>(
        `insert into contact (id, email, first_name, last_name, phone)
         values (gen_random_uuid(), ?, ?, ?, ?) returning id`,
        [fields.email, fields.firstName, fields.lastName, fields.phone],
      );
      await this.link(sql, row.id, clientIds);
      return row.id;
    });
    return this.get(id);
  }

  async update(id: string, input: UpdateContactInput): Promise<ContactView> {
    await this.get(id);
    const { clientIds, ...fields } = input;
    await this.write(async (sql) => {
      const sets = Object.entries({
        email: fields.email,
        first_name: fields.firstName,
        last_name: fields.lastName,
        phone: fields.phone,
      }).filter(([, v]) => v !== undefined);
      if (sets.length) {
        await sql(
          `update contact set ${sets.map(([c]) => `${c} = ?`).join(', ')}, updated_at = now() where id = ?`,
          [...sets.map(([, v]) => v), id],
        );
      }
      if (clientIds) {
        await sql(
          'delete from client_contact where contact_id = ? and client_id <> all(?::uuid[])',
          [id, pgArray(clientIds)],
        );
        await this.link(sql, id, clientIds);
      }
    });
    return this.get(id);
  }

  /** Deleting a contact ends its portal access; a running invitation finds it gone and stops. */
  async remove(id: string): Promise<ContactView> {
    const view = await this.get(id);
    await this.em.getConnection().execute('delete from contact where id = ?', [id]);
    return view;
  }

  /** Links clients (collaborator role); the first contact of a client becomes its primary. */
  private async link(sql: SqlRunner, contactId: string, clientIds: string[]): Promise<void> {
    if (!clientIds.length) return;
    const ids = [...new Set(clientIds)];
    const found = await sql<{ id: string }[]>('select id from client where id = any(?::uuid[])', [
      pgArray(ids),
    ]);
    if (found.length !== ids.length) {
      const known = new Set(found.map((r) => r.id));
      const missing = ids.filter((i) => !known.has(i));
      throw ContactsErrors.CONTACT_UNKNOWN_CLIENTS(
        `clientIds: no client with id ${missing.join(', ')}`,
        { missing },
      );
    }
    await sql(
      `insert into client_contact (client_id, contact_id, is_primary)
       select c, ?, not exists (select 1 from client_contact p where p.client_id = c and p.is_primary)
       from unnest(?::uuid[]) c
       on conflict do nothing`,
      [contactId, pgArray(ids)],
    );
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
    const ids = pgArray(rows.map((r) => r.id));
    const conn = this.em.getConnection();
    const [links, invitations] = await Promise.all([
      conn.execute<(ContactClientLink & { contact_id: string })[]>(
        `select cc.contact_id, c.id, c.display_name as "displayName", cc.role, cc.is_primary as "isPrimary"
         from client_contact cc join client c on c.id = cc.client_id
         where cc.contact_id = any(?::uuid[]) ${scope ? `and ${scope.sql}` : ''}
         order by cc.is_primary desc, lower(c.display_name)`,
        [ids, ...(scope?.params ?? [])],
      ),
      conn.execute<InvitationRow[]>(
        `select distinct on (i.contact_id) ${INVITATION_COLUMNS} from invitation i
         where i.contact_id = any(?::uuid[]) order by i.contact_id, i.created_at desc`,
        [ids],
      ),
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
