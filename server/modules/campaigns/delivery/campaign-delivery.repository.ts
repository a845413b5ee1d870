import type { SqlRunner } from '@server/database/sql-runner';
import type { CampaignOutcome } from '@workflows/campaign/campaign.contract';
import type { SegmentFilter } from '../../segments/segments.schemas';
import { campaignAudience } from '../campaign-audience.repository';
import type { MergeSource } from './campaign-message';

/** Ids of campaigns whose workflow should be running, paged by id (see startMissingWorkflows). */
export const LIVE_CAMPAIGN_IDS_SQL = `select id from campaign
  where status in ('scheduled','sending') and id > ? order by id limit ?`;

export interface PendingRecipient extends MergeSource {
  contact_id: string;
  /** Since the segment was resolved: skipped now rather than emailed. */
  late_skip: 'unsubscribed' | 'suppressed' | null;
}

/** The campaign's row locked for update, as the start step reads it. */
export async function lockCampaignForStart(
  sql: SqlRunner,
  campaignId: string,
): Promise<{ status: string; segment_id: string | null; started_at: string | null } | undefined> {
  const [campaign] = await sql<
    { status: string; segment_id: string | null; started_at: string | null }[]
  >('select status, segment_id, started_at from campaign where id = ? for update', [campaignId]);
  return campaign;
}

/** The segment's audience as it is now, one recipient each (a second run adds nothing). */
export async function insertCampaignRecipients(
  sql: SqlRunner,
  campaignId: string,
  filter: SegmentFilter,
): Promise<void> {
  const audience = campaignAudience(filter);
  await sql(
    `insert into campaign_recipient (campaign_id, contact_id, client_id, email, skip_reason)
     select ?, a.contact_id, a.client_id, a.email, a.skip_reason from (${audience.sql}) a
     on conflict do nothing`,
    [campaignId, ...audience.params],
  );
}

export async function markCampaignStarted(sql: SqlRunner, campaignId: string): Promise<void> {
  await sql(
    `update campaign set status = 'sending', started_at = now(), updated_at = now()
     where id = ?`,
    [campaignId],
  );
}

/** Recipients who get an email (none skipped). */
export async function countSendableRecipients(sql: SqlRunner, campaignId: string): Promise<number> {
  const [{ total }] = await sql<{ total: number }[]>(
    `select count(*)::int as total from campaign_recipient
     where campaign_id = ? and skip_reason is null`,
    [campaignId],
  );
  return total;
}

/** The campaign's status and how many of its emails are queued or being sent. */
export async function findPendingEmails(
  sql: SqlRunner,
  campaignId: string,
): Promise<{ status: string; pending: number } | undefined> {
  const [row] = await sql<{ status: string; pending: number }[]>(
    `select k.status, (select count(*)::int from email_message m
       where m.campaign_id = k.id and m.status in ('queued','sending')) as pending
     from campaign k where k.id = ?`,
    [campaignId],
  );
  return row;
}

/** Ends a running campaign with `outcome`; one already ended keeps its status. */
export async function finishCampaign(
  sql: SqlRunner,
  campaignId: string,
  outcome: CampaignOutcome,
): Promise<void> {
  await sql(
    `update campaign set status = ?, finished_at = now(), updated_at = now()
     where id = ? and status in ('scheduled','sending')`,
    [outcome, campaignId],
  );
}

export async function findScheduledAt(sql: SqlRunner, campaignId: string): Promise<string | null> {
  const [row] = await sql<{ scheduled_at: string | null }[]>(
    'select scheduled_at from campaign where id = ?',
    [campaignId],
  );
  return row?.scheduled_at ?? null;
}

/**
 * Up to `limit` recipients not emailed yet, locked (`skip locked`: a concurrent chunk takes
 * others), with their merge fields and whether they must be skipped now.
 */
export function claimPendingRecipients(
  sql: SqlRunner,
  campaignId: string,
  limit: number,
): Promise<PendingRecipient[]> {
  return sql<PendingRecipient[]>(
    `select r.contact_id, r.email, ct.first_name, ct.last_name, c.display_name as client_name,
       case when ct.unsubscribed_at is not null then 'unsubscribed'
         when exists (select 1 from email_suppression s where s.email = lower(r.email))
           then 'suppressed' end as late_skip
     from campaign_recipient r
     join contact ct on ct.id = r.contact_id
     left join client c on c.id = r.client_id
     where r.campaign_id = ? and r.email_message_id is null and r.skip_reason is null
     order by r.contact_id limit ? for update of r skip locked`,
    [campaignId, limit],
  );
}

/** Records each one's `late_skip` as its skip reason. */
export async function markLateSkips(
  sql: SqlRunner,
  campaignId: string,
  skipped: Pick<PendingRecipient, 'contact_id' | 'late_skip'>[],
): Promise<void> {
  await sql(
    `update campaign_recipient r set skip_reason = x.late_skip
     from jsonb_to_recordset(?::jsonb) as x(contact_id uuid, late_skip text)
     where r.campaign_id = ? and r.contact_id = x.contact_id`,
    [JSON.stringify(skipped), campaignId],
  );
}

/** Recipients still to be emailed. */
export async function countRemainingRecipients(
  sql: SqlRunner,
  campaignId: string,
): Promise<number> {
  const [{ remaining }] = await sql<{ remaining: number }[]>(
    `select count(*)::int as remaining from campaign_recipient
     where campaign_id = ? and email_message_id is null and skip_reason is null`,
    [campaignId],
  );
  return remaining;
}

/**
 * Points each recipient at its email (found by idempotency key, so also one queued before) and
 * stores the hash of its unsubscribe token.
 */
export async function linkRecipientEmails(
  sql: SqlRunner,
  campaignId: string,
  marks: { contact_id: string; idempotency_key: string; token_hash: string }[],
): Promise<void> {
  await sql(
    `update campaign_recipient r set email_message_id = m.id, unsubscribe_token_hash = x.token_hash
     from jsonb_to_recordset(?::jsonb) as x(contact_id uuid, idempotency_key text, token_hash text)
     join email_message m on m.idempotency_key = x.idempotency_key
     where r.campaign_id = ? and r.contact_id = x.contact_id`,
    [JSON.stringify(marks), campaignId],
  );
}
