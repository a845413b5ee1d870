import { pgArray } from '../../database/pg-array';
import type { SqlRunner } from '../../database/sql-runner';
import { portalInvitationWorkflowId } from '@workflows/portal-invitation/portal-invitation.contract';
import type { FirmSettings } from '../settings/settings.view';
import type { AcceptLink } from './accept-link';
import type { InvitationRow } from './invitation.view';
import { INVITATION_TIMING_COLUMNS, type InvitationTimingRow } from './invitation-workflow-input';

/** An invitation's columns as the API shows it (alias `i`): see InvitationRow. */
export const INVITATION_COLUMNS = `i.id, i.contact_id, i.sender_email, i.status, i.reminders_sent,
  i.max_reminders, i.next_reminder_at, i.expires_at, i.last_reminded_at, i.workflow_id,
  i.created_at, i.accepted_at`;

export interface NewInvitations {
  contactIds: string[];
  senderEmail: string;
  /** Null when a playbook step invites. */
  staffId: string | null;
  /** Reminder cadence and validity, fixed from the firm's settings when the invitation is made. */
  settings: Pick<
    FirmSettings,
    'maxReminders' | 'reminderIntervalSeconds' | 'invitationExpirySeconds'
  >;
  /** A bulk invite's batch: its workflow queues the first emails. */
  batchId?: string;
  /** The file request whose email carries the invitation. */
  fileRequestId?: string;
}

/**
 * Records a pending invitation for each contact that has none, and marks them invited; returns
 * the contacts invited (one invited by someone else a moment ago is left out).
 */
export async function insertPendingInvitations(
  sql: SqlRunner,
  n: NewInvitations,
): Promise<Set<string>> {
  if (!n.contactIds.length) return new Set();
  const { maxReminders, reminderIntervalSeconds, invitationExpirySeconds } = n.settings;
  const created = await sql<{ contact_id: string }[]>(
    `insert into invitation (id, contact_id, sender_email, max_reminders,
       reminder_interval_seconds, expiry_seconds, expires_at, next_reminder_at, workflow_id,
       batch_id, batch_action, file_request_id, created_by_id)
     select gen_random_uuid(), x.contact_id, ?, ?, ?, ?, now() + make_interval(secs => ?),
       case when ? > 0 then now() + make_interval(secs => ?) end,
       x.workflow_id, ?::uuid, case when ?::uuid is not null then 'start' end, ?, ?
     from unnest(?::uuid[], ?::text[]) as x(contact_id, workflow_id)
     on conflict (contact_id) where status = 'pending' do nothing
     returning contact_id`,
    [
      n.senderEmail,
      maxReminders,
      reminderIntervalSeconds,
      invitationExpirySeconds,
      invitationExpirySeconds,
      maxReminders,
      reminderIntervalSeconds,
      n.batchId ?? null,
      n.batchId ?? null,
      n.fileRequestId ?? null,
      n.staffId,
      pgArray(n.contactIds),
      pgArray(n.contactIds.map(portalInvitationWorkflowId)),
    ],
  );
  const invited = new Set(created.map((r) => r.contact_id));
  await sql(
    `update contact set portal_status = 'invited', updated_at = now() where id = any(?::uuid[])`,
    [pgArray([...invited])],
  );
  return invited;
}

/** Puts contacts' portal statuses back as they were before an invitation that was undone. */
export async function restorePortalStatuses(
  sql: SqlRunner,
  previous: { contact_id: string | null; portal_status: string | null }[],
): Promise<void> {
  await sql(
    `update contact c set portal_status = x.portal_status
     from jsonb_to_recordset(?::jsonb) as x(contact_id uuid, portal_status text)
     where c.id = x.contact_id`,
    [
      JSON.stringify(
        previous.map(({ contact_id, portal_status }) => ({ contact_id, portal_status })),
      ),
    ],
  );
}

/** Each link opens its invitation until it ends or a re-send replaces it; earlier ones too. */
export async function storeAcceptLinks(sql: SqlRunner, links: AcceptLink[]): Promise<void> {
  if (!links.length) return;
  await sql(
    `insert into invitation_token (token_hash, invitation_id)
     select * from jsonb_to_recordset(?::jsonb) as x(token_hash text, invitation_id uuid)`,
    [
      JSON.stringify(
        links.map((l) => ({ token_hash: l.tokenHash, invitation_id: l.invitationId })),
      ),
    ],
  );
}

/**
 * Ends a pending invitation as expired or revoked in one statement: every link of it dies, the
 * timeline records it and the contact's portal status follows. A no-op if no longer pending.
 */
export async function endPendingInvitation(
  sql: SqlRunner,
  invitationId: string,
  outcome: 'expired' | 'revoked',
  detail: string | null,
): Promise<void> {
  await sql(
    `with ended as (
       update invitation set status = ?, ended_at = now(), next_reminder_at = null,
         updated_at = now() where id = ? and status = 'pending' returning id, contact_id),
     dead as (
       update invitation_token set revoked_at = now()
       where invitation_id in (select id from ended) and revoked_at is null),
     event as (
       insert into invitation_event (invitation_id, contact_id, kind, detail)
       select id, contact_id, ?, ? from ended)
     update contact set portal_status = ?, updated_at = now()
     where id in (select contact_id from ended)`,
    [outcome, invitationId, outcome, detail, outcome],
  );
}

/** Puts pending invitations into a bulk invite for a re-send; returns the ids still pending. */
export async function markForResend(
  sql: SqlRunner,
  batchId: string,
  senderEmail: string,
  invitationIds: (string | null)[],
): Promise<{ id: string }[]> {
  return sql<{ id: string }[]>(
    `update invitation set batch_id = ?, batch_action = 'resend', sender_email = ?, updated_at = now()
         where id = any(?::uuid[]) and status = 'pending' returning id`,
    [batchId, senderEmail, pgArray(invitationIds)],
  );
}

/** A bulk invite that never started: its new invitations go, re-sends leave the batch. */
export async function abandonBatchInvitations(sql: SqlRunner, batchId: string): Promise<void> {
  await sql(`delete from invitation where batch_id = ? and batch_action = 'start'`, [batchId]);
  await sql(`update invitation set batch_id = null, batch_action = null where batch_id = ?`, [
    batchId,
  ]);
}

/** Takes the reminder bell unless it rang within `cooldownSeconds`; false if it did. */
export async function claimReminder(
  sql: SqlRunner,
  id: string,
  cooldownSeconds: number,
): Promise<boolean> {
  const [claimed] = await sql<{ id: string }[]>(
    `update invitation set last_reminded_at = now(), updated_at = now()
       where id = ? and status = 'pending'
         and (last_reminded_at is null or last_reminded_at <= now() - make_interval(secs => ?))
       returning id`,
    [id, cooldownSeconds],
  );
  return !!claimed;
}

export async function setLastRemindedAt(
  sql: SqlRunner,
  id: string,
  at: string | null,
): Promise<void> {
  await sql('update invitation set last_reminded_at = ? where id = ?', [at, id]);
}

export async function findPendingTiming(
  sql: SqlRunner,
  id: string,
): Promise<InvitationTimingRow | undefined> {
  const [row] = await sql<InvitationTimingRow[]>(
    `select ${INVITATION_TIMING_COLUMNS} from invitation where id = ? and status = 'pending'`,
    [id],
  );
  return row;
}

export async function batchExists(sql: SqlRunner, batchId: string): Promise<boolean> {
  const [found] = await sql('select 1 from invitation where batch_id = ? limit 1', [batchId]);
  return !!found;
}

export type InvitationWithEmail = InvitationRow & { contact_email: string };

/** The invitations of `ids` with their contact's email, in the order of `ids`. */
export function findInvitationsWithEmail(
  sql: SqlRunner,
  ids: string[],
): Promise<InvitationWithEmail[]> {
  return sql<InvitationWithEmail[]>(
    `select ${INVITATION_COLUMNS}, ct.email as contact_email from invitation i
       join contact ct on ct.id = i.contact_id
     where i.id = any(?::uuid[]) order by array_position(?::uuid[], i.id)`,
    [pgArray(ids), pgArray(ids)],
  );
}
