import type { SqlCondition } from '../../common/access/access.service';
import type { ListQuery } from '../../common/http/list-query';
import { pgArray } from '../../database/pg-array';
import type { SampledListSpec } from '../../database/sampled-list';
import { isWordTermAlone, searchCondition } from '../../database/search-term';
import type { SqlRunner } from '../../database/sql-runner';
import { SqlWhere } from '../../database/sql-where';
import { whereListSpec } from '../../database/where-list-spec';
import type { PortalStatus } from '../clients/client.enums';
import type {
  FileRequestFileRef,
  FileRequestItemStatus,
  FileRequestSummaryView,
} from './file-request.view';
import type { FileRequestFilter, FileRequestSortField } from './file-requests.schemas';
import type { RecipientOptionView } from './request-recipients.view';

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

const FILE_REF = (t: string) =>
  `case when ${t}.id is null then null else jsonb_build_object('id', ${t}.id, 'name', ${t}.name, 'version', ${t}.current_version) end`;

const SORT: Record<FileRequestSortField, string> = {
  lastActivityAt: 'r.last_activity_at',
  createdAt: 'r.created_at',
  dueAt: 'r.due_at',
  subject: 'lower(r.subject)',
  status: 'r.status',
};

/** A request's subject, stored lower-cased, searched anywhere through file_request_subject_trgm. */
const SEARCH = { anywhere: 'r.search_text', folded: true };

/**
 * The page of a list: statuses (overdue is one), clients, contacts, ids, the caller's scope and
 * searches (a short term as the start of a word of the subject) are found through an index.
 */

export function fileRequestListSpec(
  query: ListQuery<FileRequestFilter, FileRequestSortField>,
  visible: SqlCondition | null,
): SampledListSpec {
  const { filter, sort } = query;
  const search = searchCondition(filter.q ?? '', SEARCH);
  const where = new SqlWhere()
    .add(visible, visible?.sql ?? '', ...(visible?.params ?? []))
    .add(filter.q, search.sql, ...search.params)
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
    // A staff member's visible clients are a join: the range form would read past it.
    rangeable: !visible && isWordTermAlone(filter),
    narrowed: Boolean(
      visible ||
      filter.q ||
      filter.status?.length ||
      filter.clientId ||
      filter.contactId ||
      filter.overdue ||
      filter.id?.length,
    ),
  });
}

export interface SummaryRow {
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

export interface ItemRow {
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

export interface EventRow {
  id: string;
  kind: string;
  detail: string;
  item_id: string | null;
  actor_type: 'staff' | 'contact' | 'system';
  actor_name: string | null;
  at: string;
}

export type RecipientOptionRow = Omit<RecipientOptionView, 'portalStatus'> & {
  portal_status: PortalStatus;
};

/** The summaries of these requests, in this order. */
export function findSummaries(sql: SqlRunner, ids: string[]): Promise<SummaryRow[]> {
  return sql<SummaryRow[]>(
    `${SUMMARY_SQL} where r.id = any(?::uuid[]) order by array_position(?::uuid[], r.id)`,
    [pgArray(ids), pgArray(ids)],
  );
}

/** A contact's requests: open ones first, soonest due first. */
export function findContactSummaries(sql: SqlRunner, contactId: string): Promise<SummaryRow[]> {
  return sql<SummaryRow[]>(
    `${SUMMARY_SQL}
       where r.id in (select request_id from file_request_recipient where contact_id = ?)
         and r.client_id in (select client_id from portal_client_access where contact_id = ?)
       order by (r.status in ('open','uploaded')) desc, r.due_at asc nulls last,
         r.last_activity_at desc
       limit 500`,
    [contactId, contactId],
  );
}

export async function findSummary(sql: SqlRunner, id: string): Promise<SummaryRow | undefined> {
  const [row] = await sql<SummaryRow[]>(`${SUMMARY_SQL} where r.id = ?`, [id]);
  return row;
}

/** The client's contacts (directly or through its groups) and how a request would reach each. */
export function findRecipientOptions(
  sql: SqlRunner,
  clientId: string,
): Promise<RecipientOptionRow[]> {
  return sql<RecipientOptionRow[]>(
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
}

/** The items of these requests, in order. */
export function findItems(
  sql: SqlRunner,
  requestIds: string[],
): Promise<(ItemRow & { request_id: string })[]> {
  return sql<(ItemRow & { request_id: string })[]>(
    `select i.request_id, i.id, i.position, i.title, i.description, i.status,
           i.rejection_reason, i.not_applicable_comment, i.updated_at,
           ${FILE_REF('f')} as file, ${FILE_REF('u')} as updates_file
         from file_request_item i
         left join client_file f on f.id = i.file_id
         left join client_file u on u.id = i.updates_file_id
         where i.request_id = any(?::uuid[]) order by i.position`,
    [pgArray(requestIds)],
  );
}

/** The files attached to these requests, by name. */
export function findAttachments(
  sql: SqlRunner,
  requestIds: string[],
): Promise<{ request_id: string; ref: FileRequestFileRef }[]> {
  return sql<{ request_id: string; ref: FileRequestFileRef }[]>(
    `select a.request_id, ${FILE_REF('f')} as ref from file_request_attachment a
         join client_file f on f.id = a.file_id
         where a.request_id = any(?::uuid[]) order by lower(f.name)`,
    [pgArray(requestIds)],
  );
}

/** The timelines of these requests; without `staff`, only what contacts see. */
export function findEvents(
  sql: SqlRunner,
  requestIds: string[],
  staff: boolean,
): Promise<(EventRow & { request_id: string })[]> {
  return sql<(EventRow & { request_id: string })[]>(
    `select e.request_id, e.id::text as id, e.kind, e.detail, e.item_id, e.at,
           case when e.staff_id is not null then 'staff'
                when e.contact_id is not null then 'contact' else 'system' end as actor_type,
           coalesce(trim(s.first_name || ' ' || s.last_name), ${CONTACT_NAME('ct')}) as actor_name
         from file_request_event e
         left join staff_user s on s.id = e.staff_id
         left join contact ct on ct.id = e.contact_id
         where e.request_id = any(?::uuid[]) and (? or e.kind = any(?::text[]))
         order by e.at, e.id`,
    [pgArray(requestIds), staff, pgArray(PORTAL_EVENTS)],
  );
}
