import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { InvitationWorkflowsService } from '../invitations/invitation-workflows.service';
import { sqlTransaction, type SqlRunner } from '../../database/sql-runner';
import { bouncedSignal } from '@workflows/portal-invitation/portal-invitation.contract';
import { isHardBounce, messageIdTag, type ResendEvent } from './resend-events';

interface MessageRow {
  id: string;
  to_email: string;
  contact_id: string | null;
  invitation_id: string | null;
}

export const DELIVERY_OUTCOMES = ['applied', 'duplicate', 'ignored', 'unknown_email'] as const;
export type DeliveryOutcome = (typeof DELIVERY_OUTCOMES)[number];

/**
 * Applies a verified Resend event once (by its webhook id): the message's status, the
 * invitation timeline, and for a hard bounce or a complaint the suppression list, the contact
 * (`bounced`) and its invitation, whose reminders stop.
 */
@Injectable()
export class DeliveryEventsService {
  constructor(
    private readonly em: EntityManager,
    private readonly workflows: InvitationWorkflowsService,
  ) {}

  async apply(webhookId: string, event: ResendEvent): Promise<DeliveryOutcome> {
    const stopped: string[] = [];
    const outcome = await sqlTransaction(this.em, async (sql) => {
      const fresh = await sql<{ id: string }[]>(
        'insert into webhook_receipt (id) values (?) on conflict do nothing returning id',
        [webhookId],
      );
      if (!fresh.length) return 'duplicate';
      if (!['email.delivered', 'email.bounced', 'email.complained'].includes(event.type)) {
        return 'ignored';
      }
      // By Resend's id, else by our own id in the tags: an event can arrive before the
      // answer that told us Resend's id was recorded.
      const ourId = messageIdTag(event);
      const [message] = await sql<MessageRow[]>(
        `select id, to_email, contact_id, invitation_id from email_message
         where provider_id = ? or id = ?::uuid limit 1 for update`,
        [event.data.email_id ?? null, ourId ?? null],
      );
      if (!message) return 'unknown_email';
      if (event.type === 'email.delivered') await this.delivered(sql, message);
      else if (event.type === 'email.complained' || isHardBounce(event)) {
        const contact = await this.suppress(sql, message, event);
        if (contact) stopped.push(contact);
      } else {
        await this.event(sql, message, 'soft_bounced', bounceText(event));
      }
      return 'applied';
    });
    for (const contactId of stopped) await this.workflows.notify(contactId, bouncedSignal);
    return outcome;
  }

  private async delivered(sql: SqlRunner, m: MessageRow): Promise<void> {
    await sql(
      `update email_message set status = 'delivered', delivered_at = now(), updated_at = now()
       where id = ? and status in ('sent', 'sending', 'queued')`,
      [m.id],
    );
    await this.event(sql, m, 'delivered', `Delivered to ${m.to_email}`);
  }

  /** Returns the contact whose invitation stopped, if any. */
  private async suppress(
    sql: SqlRunner,
    m: MessageRow,
    event: ResendEvent,
  ): Promise<string | null> {
    const complained = event.type === 'email.complained';
    await sql(`update email_message set status = ?, updated_at = now() where id = ?`, [
      complained ? 'complained' : 'bounced',
      m.id,
    ]);
    await sql(
      `insert into email_suppression (email, reason, detail) values (lower(?), ?, ?)
       on conflict (email) do nothing`,
      [m.to_email, complained ? 'complained' : 'bounced', complained ? null : bounceText(event)],
    );
    await this.event(
      sql,
      m,
      complained ? 'complained' : 'bounced',
      complained ? 'Marked our email as spam; no more email to this address' : bounceText(event),
    );
    if (!m.contact_id) return null;
    await sql(
      `update contact set portal_status = 'bounced', updated_at = now()
       where id = ? and portal_status <> 'accepted'`,
      [m.contact_id],
    );
    const ended = await sql<{ id: string }[]>(
      `update invitation set status = 'bounced', ended_at = now(), next_reminder_at = null,
         updated_at = now() where contact_id = ? and status = 'pending' returning id`,
      [m.contact_id],
    );
    return ended.length ? m.contact_id : null;
  }

  private async event(sql: SqlRunner, m: MessageRow, kind: string, detail: string): Promise<void> {
    if (!m.invitation_id || !m.contact_id) return;
    await sql(
      `insert into invitation_event (invitation_id, contact_id, kind, detail) values (?, ?, ?, ?)`,
      [m.invitation_id, m.contact_id, kind, detail],
    );
  }
}

const bounceText = (event: ResendEvent) =>
  [event.data.bounce?.type, event.data.bounce?.subType, event.data.bounce?.message]
    .filter(Boolean)
    .join(' · ') || 'Bounced';
