import { pgArray } from '../../database/pg-array';
import type { SqlRunner } from '../../database/sql-runner';
import { portalInvitationWorkflowId } from '@workflows/portal-invitation/portal-invitation.contract';
import type { FirmSettings } from '../settings/settings.view';

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
