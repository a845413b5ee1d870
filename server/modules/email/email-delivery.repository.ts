import type { SqlRunner } from '../../database/sql-runner';
import type { EmailLink } from './outgoing-email';

/** A request unanswered this long is taken for dead (its worker stopped): the activity's timeout. */
const DEAD_AFTER = '2 minutes';

export interface ClaimedEmail {
  id: string;
  batch_id: string;
  to_email: string;
  from_email: string;
  subject: string;
  html_body: string | null;
  text_body: string | null;
  links: EmailLink[];
  headers: Record<string, string> | null;
}

/* The provider's rate, kept for the whole deployment (see sendInTurn). */

/**
 * Takes the next free slot, `gapSeconds` after the previous one (one statement: its row lock
 * lasts no longer); returns how many milliseconds until it.
 */
export async function takeSendSlot(sql: SqlRunner, gapSeconds: number): Promise<number> {
  const [{ wait_ms }] = await sql<{ wait_ms: number }[]>(
    `update email_send_pace set next_at = greatest(next_at, clock_timestamp()) + make_interval(secs => ?)
     returning (extract(epoch from next_at - make_interval(secs => ?) - clock_timestamp()) * 1000)::float8 as wait_ms`,
    [gapSeconds, gapSeconds],
  );
  return wait_ms;
}

/** No slot starts sooner than `seconds` from now. */
export async function holdSendPace(sql: SqlRunner, seconds: number): Promise<void> {
  await sql(
    `update email_send_pace set next_at = greatest(next_at, clock_timestamp() + make_interval(secs => ?))`,
    [seconds],
  );
}

/** Senders take turns on the pace row until their transaction ends. */
export async function lockSendPace(sql: SqlRunner): Promise<void> {
  await sql(`select 1 from email_send_pace for update`);
}

/** Forgets requests started too long ago to be still in flight. */
export async function deleteDeadSendRequests(sql: SqlRunner): Promise<void> {
  await sql(
    `delete from email_send_request where started_at < clock_timestamp() - interval '${DEAD_AFTER}'`,
  );
}

/**
 * Requests in flight or answered within `windowSeconds`, and the milliseconds until the oldest
 * answered one leaves the window (null: none answered).
 */
export async function countRecentSendRequests(
  sql: SqlRunner,
  windowSeconds: number,
): Promise<{ busy: number; wait_ms: number | null }> {
  const [row] = await sql<{ busy: number; wait_ms: number | null }[]>(
    `select count(*)::int as busy, (extract(epoch from
       min(answered_at) + make_interval(secs => ?) - clock_timestamp()) * 1000)::float8 as wait_ms
     from email_send_request
     where answered_at is null or answered_at > clock_timestamp() - make_interval(secs => ?)`,
    [windowSeconds, windowSeconds],
  );
  return row;
}

/** Records a request as started; returns its id. */
export async function insertSendRequest(sql: SqlRunner): Promise<string> {
  const [{ id }] = await sql<{ id: string }[]>(
    `insert into email_send_request default values returning id`,
  );
  return id;
}

export async function markSendRequestAnswered(sql: SqlRunner, requestId: string): Promise<void> {
  await sql(`update email_send_request set answered_at = clock_timestamp() where id = ?`, [
    requestId,
  ]);
}

/* The dispatcher's batches. */

/**
 * Takes over the oldest batch left `sending` for five minutes, renewing its claim; returns its
 * id. One statement: the update's row locks make a second taker skip this batch.
 */
export async function takeOverAbandonedBatch(sql: SqlRunner): Promise<string | undefined> {
  const [open] = await sql<{ batch_id: string }[]>(
    `update email_message set updated_at = now()
     where status = 'sending' and batch_id = (
       select batch_id from email_message where status = 'sending'
         and updated_at < now() - interval '5 minutes'
       order by created_at limit 1 for update skip locked)
     returning batch_id`,
  );
  return open?.batch_id;
}

/** The order claims take queued emails in (email_message_claim_idx): transactional ones first. */
const CLAIM_ORDER = 'order by bulk, created_at, id';

/**
 * Cancels, among the next `limit` queued emails a claim would take, those whose links would not
 * work or that must not go: those of invitations that ended meanwhile, or were deleted with their
 * contact; a file request's emails to its recipients once it has ended or is gone; campaign
 * emails of a cancelled campaign or to a contact who unsubscribed meanwhile (test sends to staff
 * have no contact). Returns how many. Only the head of the queue is checked: checking the whole
 * queue before each batch made a campaign's backlog cost each batch a read of all of it.
 */
export async function cancelDeadEmails(sql: SqlRunner, limit: number): Promise<number> {
  const cancelled = await sql<{ id: string }[]>(
    `update email_message m set status = 'cancelled', updated_at = now()
     where m.status = 'queued'
     and m.id in (select id from email_message where status = 'queued' ${CLAIM_ORDER} limit ?)
     and (
       (m.kind in ('invitation','reminder') and (m.invitation_id is null
         or exists (select 1 from invitation i
           where i.id = m.invitation_id and i.status <> 'pending')))
       or (m.kind in ('file_request','file_request_reminder') and (m.file_request_id is null
         or exists (select 1 from file_request r where r.id = m.file_request_id
           and (r.status in ('completed','cancelled')
             or (m.kind = 'file_request_reminder' and r.status <> 'open')))))
       or (m.kind = 'campaign' and m.contact_id is not null and (m.campaign_id is null
         or exists (select 1 from campaign k where k.id = m.campaign_id and k.status = 'cancelled')
         or exists (select 1 from contact ct
           where ct.id = m.contact_id and ct.unsubscribed_at is not null))))
     returning m.id`,
    [limit],
  );
  return cancelled.length;
}

/** Marks up to `limit` queued emails `sending` in batch `batchId`, transactional ones first. */
export async function claimQueuedEmails(
  sql: SqlRunner,
  limit: number,
  batchId: string,
): Promise<void> {
  await sql(
    `with picked as (
       select id from email_message where status = 'queued'
       ${CLAIM_ORDER} limit ? for update skip locked)
     update email_message m set status = 'sending', batch_id = ?, updated_at = now()
     from picked where m.id = picked.id`,
    [limit, batchId],
  );
}

/** Renews the batch's claim, so a batch being retried is not taken for abandoned. */
export async function touchBatch(sql: SqlRunner, batchId: string): Promise<void> {
  await sql(
    `update email_message set updated_at = now() where batch_id = ? and status = 'sending'`,
    [batchId],
  );
}

/** The batch's emails still being sent, in a fixed order. */
export function findBatchEmails(sql: SqlRunner, batchId: string): Promise<ClaimedEmail[]> {
  return sql<ClaimedEmail[]>(
    `select * from email_message where batch_id = ? and status = 'sending' order by created_at, id`,
    [batchId],
  );
}

/**
 * Records what the provider took: its id, the body without its links. A delivery event may
 * already have moved the status on: it is kept.
 */
export async function markEmailsSent(
  sql: SqlRunner,
  rows: { id: string; provider_id: string; text_body: string | null }[],
): Promise<void> {
  await sql(
    `update email_message m set status = case when m.status = 'sending' then 'sent' else m.status end,
       provider_id = x.provider_id, sent_at = coalesce(m.sent_at, now()),
       html_body = null, text_body = x.text_body, links = '[]', headers = null, updated_at = now()
     from jsonb_to_recordset(?::jsonb) as x(id uuid, provider_id text, text_body text)
     where m.id = x.id and m.status not in ('failed', 'cancelled')`,
    [JSON.stringify(rows)],
  );
}

/** Marks the email failed with `message` and, for an invitation's, records it on the invitation. */
export async function markEmailFailed(
  sql: SqlRunner,
  id: string,
  message: string,
  textBody: string | null,
): Promise<void> {
  await sql(
    `with failed as (
       update email_message set status = 'failed', error = ?, html_body = null, text_body = ?,
         links = '[]', updated_at = now() where id = ? returning invitation_id, contact_id)
     insert into invitation_event (invitation_id, contact_id, kind, detail)
     select invitation_id, contact_id, 'send_failed', ? from failed
     where invitation_id is not null and contact_id is not null`,
    [message, textBody, id, message],
  );
}
