import type { ListQuery } from '../../common/http/list-query';
import type { SqlFragment } from '../../database/sql-fragment';
import type { SqlRunner } from '../../database/sql-runner';
import { DELIVERY_STATUSES, type CampaignStats, type CampaignStatus } from './campaign.view';
import type {
  CampaignSortField,
  CreateCampaignInput,
  UpdateCampaignInput,
} from './campaigns.schemas';

/*
 * Recipient status from `campaign_recipient r`, its `email_message m` (left join) and its
 * `campaign k`. Delivery outcomes live on the email (webhooks update it): nothing is copied.
 */

/**
 * `queued` until handed to the provider (in flight included); what the dispatcher will drop,
 * because the campaign was cancelled, is `cancelled` at once.
 */
const DELIVERY_STATUS = `case
  when m.id is null or m.status = 'queued' then
    case when k.status = 'cancelled' then 'cancelled' else 'queued' end
  when m.status = 'sending' then 'queued'
  when m.status = 'recorded' then 'sent'
  else m.status end`;

export const RECIPIENT_STATUS_SQL = `case
  when r.skip_reason is not null then 'skipped:' || r.skip_reason
  when r.unsubscribed_at is not null then 'unsubscribed'
  else ${DELIVERY_STATUS} end`;

/** The stats object of campaign `k`, counted over its recipients (see CampaignStats). */
const CAMPAIGN_STATS_SQL = `(select jsonb_build_object(
    'recipients', count(*) filter (where x.skip_reason is null),
    'skipped', count(*) filter (where x.skip_reason is not null),
    'unsubscribed', count(*) filter (where x.unsubscribed_at is not null),
    ${DELIVERY_STATUSES.map((s) => `'${s}', count(*) filter (where x.delivery = '${s}')`).join(',\n    ')})
  from (select r.skip_reason, r.unsubscribed_at,
      case when r.skip_reason is null then ${DELIVERY_STATUS} end as delivery
    from campaign_recipient r left join email_message m on m.id = r.email_message_id
    where r.campaign_id = k.id) x)`;

const CAMPAIGN_SQL = `select k.id, k.name, k.subject, k.body, k.sender_email, k.segment_id,
    s.name as segment_name, k.status, k.scheduled_at, k.started_at, k.finished_at,
    st.id as creator_id, trim(st.first_name || ' ' || st.last_name) as creator_name,
    k.created_at, k.updated_at, ${CAMPAIGN_STATS_SQL} as stats
  from campaign k
  left join segment s on s.id = k.segment_id
  left join staff_user st on st.id = k.created_by_staff_id`;

const SORT: Record<CampaignSortField, string> = {
  createdAt: 'k.created_at',
  updatedAt: 'k.updated_at',
  name: 'lower(k.name)',
  status: 'k.status',
  scheduledAt: 'k.scheduled_at',
  startedAt: 'k.started_at',
};

export interface CampaignRow {
  id: string;
  name: string;
  subject: string;
  body: string;
  sender_email: string;
  segment_id: string | null;
  segment_name: string | null;
  status: CampaignStatus;
  scheduled_at: string | null;
  started_at: string | null;
  finished_at: string | null;
  creator_id: string | null;
  creator_name: string | null;
  created_at: string;
  updated_at: string;
  stats: Record<keyof CampaignStats, number | string>;
}

/** What a campaign's emails are made from, and whether it is still sending. */
export interface CampaignContent {
  subject: string;
  body: string;
  sender_email: string;
  status: string;
  segment_id: string | null;
}

/** A page of campaigns matching `where` (over `campaign k`), in the query's order. */
export function listCampaigns(
  sql: SqlRunner,
  where: SqlFragment,
  query: Pick<ListQuery<unknown, CampaignSortField>, 'sort' | 'range'>,
): Promise<CampaignRow[]> {
  const dir = query.sort.order === 'DESC' ? 'desc' : 'asc';
  return sql<CampaignRow[]>(
    `${CAMPAIGN_SQL} ${where.sql}
     order by ${SORT[query.sort.field]} ${dir} nulls last, k.id limit ? offset ?`,
    [...where.params, query.range.end - query.range.start + 1, query.range.start],
  );
}

export async function countCampaigns(sql: SqlRunner, where: SqlFragment): Promise<number> {
  const [{ total }] = await sql<{ total: number }[]>(
    `select count(*)::int as total from campaign k ${where.sql}`,
    where.params,
  );
  return total;
}

export async function findCampaign(sql: SqlRunner, id: string): Promise<CampaignRow | undefined> {
  const [row] = await sql<CampaignRow[]>(`${CAMPAIGN_SQL} where k.id = ?`, [id]);
  return row;
}

/** The campaign's content; `for share` holds off a cancellation until the transaction ends. */
export async function findCampaignContent(
  sql: SqlRunner,
  campaignId: string,
  lock: '' | 'for share' = '',
): Promise<CampaignContent | undefined> {
  const [row] = await sql<CampaignContent[]>(
    `select subject, body, sender_email, status, segment_id from campaign where id = ? ${lock}`,
    [campaignId],
  );
  return row;
}

export async function insertCampaign(
  sql: SqlRunner,
  input: CreateCampaignInput,
  staffId: string,
): Promise<string> {
  const [row] = await sql<{ id: string }[]>(
    `insert into campaign (name, subject, body, sender_email, segment_id, created_by_staff_id)
     values (?, ?, ?, ?, ?, ?) returning id`,
    [input.name, input.subject, input.body, input.senderEmail, input.segmentId, staffId],
  );
  return row.id;
}

/** The campaign's status, its row locked for update; undefined when there is none. */
export async function lockCampaignStatus(
  sql: SqlRunner,
  id: string,
): Promise<CampaignStatus | undefined> {
  const [row] = await sql<{ status: CampaignStatus }[]>(
    'select status from campaign where id = ? for update',
    [id],
  );
  return row?.status;
}

/** Sets the fields given; the others keep their value. */
export async function updateCampaignFields(
  sql: SqlRunner,
  id: string,
  input: UpdateCampaignInput,
): Promise<void> {
  await sql(
    `update campaign set name = coalesce(?, name), subject = coalesce(?, subject),
       body = coalesce(?, body), sender_email = coalesce(?, sender_email),
       segment_id = coalesce(?, segment_id), updated_at = now()
     where id = ?`,
    [
      input.name ?? null,
      input.subject ?? null,
      input.body ?? null,
      input.senderEmail ?? null,
      input.segmentId ?? null,
      id,
    ],
  );
}

/** False when the campaign is gone or no longer a draft. */
export async function deleteDraftCampaign(sql: SqlRunner, id: string): Promise<boolean> {
  const [deleted] = await sql<{ id: string }[]>(
    `delete from campaign where id = ? and status = 'draft' returning id`,
    [id],
  );
  return Boolean(deleted);
}

/** Marks a draft scheduled (with `scheduledAt`) or sending; false when it is no longer a draft. */
export async function claimDraftForSending(
  sql: SqlRunner,
  id: string,
  scheduledAt: Date | null,
): Promise<boolean> {
  const [claimed] = await sql<{ id: string }[]>(
    `update campaign set status = ?, scheduled_at = ?, updated_at = now()
     where id = ? and status = 'draft' returning id`,
    [scheduledAt ? 'scheduled' : 'sending', scheduledAt?.toISOString() ?? null, id],
  );
  return Boolean(claimed);
}

export async function revertCampaignToDraft(sql: SqlRunner, id: string): Promise<void> {
  await sql(
    `update campaign set status = 'draft', scheduled_at = null, updated_at = now() where id = ?`,
    [id],
  );
}

export async function markCampaignCancelled(sql: SqlRunner, id: string): Promise<void> {
  await sql(
    `update campaign set status = 'cancelled', finished_at = now(), updated_at = now()
     where id = ?`,
    [id],
  );
}
