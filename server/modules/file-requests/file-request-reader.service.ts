import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { SqlCondition } from '../../common/access/access.service';
import type { Page } from '../../common/http/content-range';
import { escapeLike } from '../../common/http/escape-like';
import { isoDate } from '../../common/http/iso-date';
import type { ListQuery } from '../../common/http/list-query';
import { pgArray } from '../../database/pg-array';
import { sampledList, type SampledListSpec } from '../../database/sampled-list';
import { whereListSpec } from '../../database/where-list-spec';
import { SqlWhere } from '../../database/sql-where';
import type { PortalStatus } from '../clients/client.enums';
import { requestNotFound } from './file-requests.errors';
import type { RecipientOptionView } from './request-recipients.view';
import type { FileRequestFilter, FileRequestSortField } from './file-requests.schemas';
import type {
  FileRequestEventView,
  FileRequestFileRef,
  FileRequestItemStatus,
  FileRequestItemView,
  FileRequestSummaryView,
  FileRequestView,
} from './file-request.view';

const CONTACT_NAME = (t: string) =>
  `coalesce(nullif(trim(coalesce(${t}.first_name,'') || ' ' || coalesce(${t}.last_name,'')), ''), ${t}.email)`;

// Overdue only while something is outstanding with the client; from the due date itself, so
// the list is right even when the worker is behind.
export const OVERDUE = `(r.status = 'open' and (r.overdue or r.due_at < now()))`;

/** What a contact's timeline shows: the request's life, not staff's internals. */
const PORTAL_EVENTS = [
  'created',
  'notified',
  'reminder_sent',
  'uploaded',
  'not_applicable',
  'reviewed',
  'completed',
  'cancelled',
];

const SUMMARY_SQL = `select r.id, r.client_id, c.display_name as client_name, r.subject, r.status,
  ${OVERDUE} as overdue, r.due_at, r.reminders_sent, r.created_at, r.last_activity_at, r.description, r.message,
  s.id as creator_id, trim(s.first_name || ' ' || s.last_name) as creator_name,
  (select coalesce(jsonb_agg(jsonb_build_object('id', ct.id, 'name', ${CONTACT_NAME('ct')},
      'email', ct.email) order by lower(ct.email)), '[]')
    from file_request_recipient rr join contact ct on ct.id = rr.contact_id
    where rr.request_id = r.id) as recipients,
  (select coalesce(jsonb_object_agg(x.status, x.n), '{}')
    from (select status, count(*) as n from file_request_item
      where request_id = r.id group by status) x) as item_counts
  from file_request r join client c on c.id = r.client_id
  left join staff_user s on s.id = r.created_by_staff_id`;

const SORT: Record<FileRequestSortField, string> = {
  lastActivityAt: 'r.last_activity_at',
  createdAt: 'r.created_at',
  dueAt: 'r.due_at',
  subject: 'lower(r.subject)',
  status: 'r.status',
};

/**
 * The page of a list: statuses (overdue is one), clients, contacts, ids, the caller's scope and
 * searches of three letters or more are found through an index.
 */
export function fileRequestListSpec(
  query: ListQuery<FileRequestFilter, FileRequestSortField>,
  visible: SqlCondition | null,
): SampledListSpec {
  const { filter, sort } = query;
  const like = filter.q ? `%${escapeLike(filter.q)}%` : undefined;
  const where = new SqlWhere()
    .add(visible, visible?.sql ?? '', ...(visible?.params ?? []))
    .add(filter.q, 'r.subject ilike ?', like)
    .add(filter.status?.length, 'r.status = any(?::text[])', pgArray(filter.status ?? []))
    .add(filter.clientId, 'r.client_id = ?', filter.clientId)
    .add(
      filter.contactId,
      'r.id in (select request_id from file_request_recipient where contact_id = ?)',
      filter.contactId,
    )
    .add(filter.overdue === true, OVERDUE)
    .add(filter.overdue === false, `${OVERDUE} is not true`)
    .add(filter.id?.length, 'r.id = any(?::uuid[])', pgArray(filter.id ?? []));
  return whereListSpec({ table: 'file_request', alias: 'r' }, where, SORT[sort.field], query, {
    nullsLast: sort.field === 'dueAt',
    narrowed: Boolean(
      visible ||
      (filter.q && filter.q.length >= 3) ||
      filter.status?.length ||
      filter.clientId ||
      filter.contactId ||
      filter.overdue ||
      filter.id?.length,
    ),
  });
}

interface SummaryRow {
  id: string;
  client_id: string;
  client_name: string;
  subject: string;
  status: FileRequestSummaryView['status'];
  overdue: boolean;
  due_at: string | null;
  reminders_sent: number;
  created_at: string;
  last_activity_at: string;
  description: string | null;
  message: string | null;
  creator_id: string | null;
  creator_name: string | null;
  recipients: FileRequestSummaryView['recipients'];
  item_counts: Partial<Record<FileRequestItemStatus, number>>;
}

interface ItemRow {
  id: string;
  position: number;
  title: string;
  description: string | null;
  status: FileRequestItemStatus;
  rejection_reason: string | null;
  not_applicable_comment: string | null;
  file: FileRequestFileRef | null;
  updates_file: FileRequestFileRef | null;
  updated_at: string;
}

interface EventRow {
  id: string;
  kind: string;
  detail: string;
  item_id: string | null;
  actor_type: 'staff' | 'contact' | 'system';
  actor_name: string | null;
  at: string;
}

const FILE_REF = (t: string) =>
  `case when ${t}.id is null then null else jsonb_build_object('id', ${t}.id, 'name', ${t}.name, 'version', ${t}.current_version) end`;

const EMPTY_COUNTS: Record<FileRequestItemStatus, number> = {
  requested: 0,
  uploaded: 0,
  accepted: 0,
  rejected: 0,
  not_applicable: 0,
};

/** Reads file requests as the API shows them: lists, and one request with everything in it. */
@Injectable()
export class FileRequestReader {
  constructor(private readonly em: EntityManager) {}

  /**
   * A page planned from a sample on a large table (see sampledList), then summarised: the
   * summary's joins and counts run for the page's rows only.
   */
  async list(
    query: ListQuery<FileRequestFilter, FileRequestSortField>,
    visible: SqlCondition | null,
  ): Promise<Page<FileRequestSummaryView>> {
    const conn = this.em.getConnection();
    const page = await sampledList<{ id: string }>(conn, fileRequestListSpec(query, visible));
    const ids = page.rows.map((r) => r.id);
    const rows = ids.length
      ? await conn.execute<SummaryRow[]>(
          `${SUMMARY_SQL} where r.id = any(?::uuid[]) order by array_position(?::uuid[], r.id)`,
          [pgArray(ids), pgArray(ids)],
        )
      : [];
    return { items: rows.map(toSummary), total: page.total, estimated: page.estimated };
  }

  /** A contact's requests: open ones first, soonest due first. */
  async listForContact(contactId: string): Promise<FileRequestView[]> {
    const rows = await this.em.getConnection().execute<SummaryRow[]>(
      `${SUMMARY_SQL}
       where r.id in (select request_id from file_request_recipient where contact_id = ?)
         and r.client_id in (select client_id from portal_client_access where contact_id = ?)
       order by (r.status in ('open','uploaded')) desc, r.due_at asc nulls last,
         r.last_activity_at desc
       limit 500`,
      [contactId, contactId],
    );
    return this.details(rows, false);
  }

  /** The request with items, attachments and timeline; `staff` adds what only staff see. */
  async get(id: string, staff: boolean): Promise<FileRequestView> {
    const rows = await this.em
      .getConnection()
      .execute<SummaryRow[]>(`${SUMMARY_SQL} where r.id = ?`, [id]);
    if (!rows[0]) throw requestNotFound(id);
    const [view] = await this.details(rows, staff);
    return view;
  }

  /** The client's contacts (directly or through its groups) and how a request would reach each. */
  async recipientOptions(clientId: string): Promise<RecipientOptionView[]> {
    const rows = await this.em
      .getConnection()
      .execute<(Omit<RecipientOptionView, 'portalStatus'> & { portal_status: PortalStatus })[]>(
        `select ct.id, ${CONTACT_NAME('ct')} as name, ct.email, ct.portal_status,
         case
           when exists (select 1 from email_suppression s where s.email = lower(ct.email))
             then 'unreachable'
           when ct.portal_status = 'accepted' then 'portal'
           when exists (select 1 from invitation i where i.contact_id = ct.id
             and i.status = 'pending') then 'invitation'
           else 'invite' end as access
       from contact ct
       where ct.id in (select contact_id from contact_client_access where client_id = ?)
       order by lower(${CONTACT_NAME('ct')}), ct.id
       limit 200`,
        [clientId],
      );
    return rows.map(({ portal_status, ...r }) => ({ ...r, portalStatus: portal_status }));
  }

  /** The client of a request (for the access check), or 404. */
  async clientOf(id: string): Promise<string> {
    const [row] = await this.em
      .getConnection()
      .execute<{ client_id: string }[]>('select client_id from file_request where id = ?', [id]);
    if (!row) throw requestNotFound(id);
    return row.client_id;
  }

  private async details(rows: SummaryRow[], staff: boolean): Promise<FileRequestView[]> {
    if (!rows.length) return [];
    const ids = pgArray(rows.map((r) => r.id));
    const conn = this.em.getConnection();
    const [items, attachments, events] = await Promise.all([
      conn.execute<(ItemRow & { request_id: string })[]>(
        `select i.request_id, i.id, i.position, i.title, i.description, i.status,
           i.rejection_reason, i.not_applicable_comment, i.updated_at,
           ${FILE_REF('f')} as file, ${FILE_REF('u')} as updates_file
         from file_request_item i
         left join client_file f on f.id = i.file_id
         left join client_file u on u.id = i.updates_file_id
         where i.request_id = any(?::uuid[]) order by i.position`,
        [ids],
      ),
      conn.execute<{ request_id: string; ref: FileRequestFileRef }[]>(
        `select a.request_id, ${FILE_REF('f')} as ref from file_request_attachment a
         join client_file f on f.id = a.file_id
         where a.request_id = any(?::uuid[]) order by lower(f.name)`,
        [ids],
      ),
      conn.execute<(EventRow & { request_id: string })[]>(
        `select e.request_id, e.id::text as id, e.kind, e.detail, e.item_id, e.at,
           case when e.staff_id is not null then 'staff'
                when e.contact_id is not null then 'contact' else 'system' end as actor_type,
           coalesce(trim(s.first_name || ' ' || s.last_name), ${CONTACT_NAME('ct')}) as actor_name
         from file_request_event e
         left join staff_user s on s.id = e.staff_id
         left join contact ct on ct.id = e.contact_id
         where e.request_id = any(?::uuid[]) and (? or e.kind = any(?::text[]))
         order by e.at, e.id`,
        [ids, staff, pgArray(PORTAL_EVENTS)],
      ),
    ]);
    return rows.map((r) => ({
      ...toSummary(r),
      description: r.description,
      message: r.message,
      items: items.filter((i) => i.request_id === r.id).map(toItem),
      attachments: attachments.filter((a) => a.request_id === r.id).map((a) => a.ref),
      events: events.filter((e) => e.request_id === r.id).map(toEvent),
    }));
  }
}

const toSummary = (r: SummaryRow): FileRequestSummaryView => ({
  id: r.id,
  clientId: r.client_id,
  clientName: r.client_name,
  subject: r.subject,
  status: r.status,
  overdue: r.overdue,
  dueAt: r.due_at ? isoDate(r.due_at) : null,
  recipients: r.recipients,
  itemCounts: { ...EMPTY_COUNTS, ...mapCounts(r.item_counts) },
  remindersSent: r.reminders_sent,
  createdBy: r.creator_id ? { id: r.creator_id, name: r.creator_name ?? '' } : null,
  createdAt: isoDate(r.created_at),
  lastActivityAt: isoDate(r.last_activity_at),
});

const mapCounts = (c: Partial<Record<FileRequestItemStatus, number>>) =>
  Object.fromEntries(Object.entries(c).map(([k, v]) => [k, Number(v)]));

const toItem = (i: ItemRow): FileRequestItemView => ({
  id: i.id,
  position: i.position,
  title: i.title,
  description: i.description,
  status: i.status,
  rejectionReason: i.rejection_reason,
  notApplicableComment: i.not_applicable_comment,
  file: i.file,
  updatesFile: i.updates_file,
  updatedAt: isoDate(i.updated_at),
});

const toEvent = (e: EventRow): FileRequestEventView => ({
  id: e.id,
  kind: e.kind,
  detail: e.detail,
  itemId: e.item_id,
  actor: {
    type: e.actor_type,
    name: e.actor_name ?? (e.actor_type === 'system' ? 'Client Hub' : ''),
  },
  at: isoDate(e.at),
});
