import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { InvitationWorkflowsService } from '../invitations/invitation-workflows.service';
import { sqlTransaction, type SqlRunner } from '../../database/sql-runner';
import { bouncedSignal } from '@workflows/portal-invitation/portal-invitation.contract';
import { isHardBounce, messageIdTag, type ResendEvent } from './resend-events';
import {
  endPendingInvitationBounced,
  insertInvitationEvent,
  lockEmailMessage,
  markContactBounced,
  markEmailDelivered,
  recordWebhookReceipt,
  setEmailStatus,
  suppressEmailAddress,
  type EmailMessageRow,
} from './webhooks.repository';

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
      if (!(await recordWebhookReceipt(sql, webhookId))) return 'duplicate';
      if (!['email.delivered', 'email.bounced', 'email.complained'].includes(event.type)) {
        return 'ignored';
      }
      // By Resend's id, else by our own id in the tags: an event can arrive before the
      // answer that told us Resend's id was recorded.
      const ourId = messageIdTag(event);
      const message = await lockEmailMessage(sql, event.data.email_id ?? null, ourId ?? null);
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

  private async delivered(sql: SqlRunner, m: EmailMessageRow): Promise<void> {
    await markEmailDelivered(sql, m.id);
    await this.event(sql, m, 'delivered', `Delivered to ${m.to_email}`);
  }

  /** Returns the contact whose invitation stopped, if any. */
  private async suppress(
    sql: SqlRunner,
    m: EmailMessageRow,
    event: ResendEvent,
  ): Promise<string | null> {
    const complained = event.type === 'email.complained';
    await setEmailStatus(sql, m.id, complained ? 'complained' : 'bounced');
    await suppressEmailAddress(
      sql,
      m.to_email,
      complained ? 'complained' : 'bounced',
      complained ? null : bounceText(event),
    );
    await this.event(
      sql,
      m,
      complained ? 'complained' : 'bounced',
      complained ? 'Marked our email as spam; no more email to this address' : bounceText(event),
    );
    if (!m.contact_id) return null;
    await markContactBounced(sql, m.contact_id);
    return (await endPendingInvitationBounced(sql, m.contact_id)) ? m.contact_id : null;
  }

  private async event(
    sql: SqlRunner,
    m: EmailMessageRow,
    kind: string,
    detail: string,
  ): Promise<void> {
    if (!m.invitation_id || !m.contact_id) return;
    await insertInvitationEvent(sql, m.invitation_id, m.contact_id, kind, detail);
  }
}

const bounceText = (event: ResendEvent) =>
  [event.data.bounce?.type, event.data.bounce?.subType, event.data.bounce?.message]
    .filter(Boolean)
    .join(' · ') || 'Bounced';
