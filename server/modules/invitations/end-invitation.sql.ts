import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Ends a pending invitation as expired or revoked in one statement: every link of it dies, the
 * timeline records it and the contact's portal status follows. A no-op if no longer pending.
 */
export async function endPendingInvitation(
  em: EntityManager,
  invitationId: string,
  outcome: 'expired' | 'revoked',
  detail: string | null,
): Promise<void> {
  await em.getConnection().execute(
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
