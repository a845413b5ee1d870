import { randomUUID } from 'node:crypto';
import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '@server/config/config.module';
import type { AppConfig } from '@server/config/env.schema';
import { sqlRunner, sqlTransaction, type SqlRunner } from '@server/database/sql-runner';
import type { InvitationEmailStep } from '@workflows/portal-invitation/portal-invitation.contract';
import { EmailDispatcherWaker } from '../../email/email-dispatcher-waker.service';
import { InvitationEmailRenderer } from '../../email/invitation-email.renderer';
import { insertOutgoingEmails } from '../../email/email.repository';
import { fromHeader, type OutgoingEmail } from '../../email/outgoing-email';
import { SettingsService } from '../../settings/settings.service';
import type { FirmSettings } from '../../settings/settings.view';
import { newAcceptLink, requestPortalPath, type AcceptLink } from '../accept-link';
import { endPendingInvitation, storeAcceptLinks } from '../invitations.repository';
import {
  findQueuedEmailKeys,
  insertInvitationEvents,
  lockPendingInvitations,
  revokeInvitationLinks,
  setReminderStates,
  type InvitationEventRecord,
  type LiveInvitation,
  type ReminderState,
} from './invitations-delivery.repository';

const EVENT_KIND = { invitation: 'invited', reminder: 'reminder_sent', resend: 'resent' } as const;

/**
 * One email per step of one workflow run (`scope` = its run id; the bulk invite's first emails
 * use `batch`): a workflow started again for the same invitation counts steps from the start,
 * and must not find the earlier run's emails under the same keys.
 */
const keyOf = (scope: string) => (s: InvitationEmailStep) =>
  `invitation/${s.invitationId}/${scope}/${s.step}`;

/**
 * Turns invitation steps into queued emails, each with its own new link: a token whose hash is
 * stored, a rendered message, the invitation's reminder state and a timeline event, all in one
 * transaction. Idempotent per step, so a retried activity queues nothing twice.
 */
@Injectable()
export class InvitationMailerService {
  private readonly renderer = new InvitationEmailRenderer();

  constructor(
    private readonly em: EntityManager,
    private readonly settings: SettingsService,
    private readonly waker: EmailDispatcherWaker,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Queues the steps' emails; returns the ids of the invitations that are still pending. */
  async queue(steps: InvitationEmailStep[], scope: string): Promise<Set<string>> {
    const key = keyOf(scope);
    if (!steps.length) return new Set();
    const settings = await this.settings.get();
    const pending = await sqlTransaction(this.em, async (sql) => {
      const rows = await lockPendingInvitations(
        sql,
        steps.map((s) => s.invitationId),
      );
      const live = new Map(rows.map((r) => [r.id, r]));
      const candidates = steps.filter((s) => live.has(s.invitationId));
      const queued = await findQueuedEmailKeys(sql, candidates.map(key));
      const fresh = candidates.filter((s) => !queued.has(key(s)));
      if (fresh.length) await this.write(sql, fresh, live, settings, key);
      return new Set(live.keys());
    });
    this.waker.wake();
    return pending;
  }

  /** Ends a pending invitation at its deadline; every link dies with it. */
  async expire(invitationId: string): Promise<void> {
    await endPendingInvitation(sqlRunner(this.em), invitationId, 'expired', null);
  }

  private async write(
    sql: SqlRunner,
    steps: InvitationEmailStep[],
    live: Map<string, LiveInvitation>,
    settings: FirmSettings,
    key: (s: InvitationEmailStep) => string,
  ): Promise<void> {
    const links: AcceptLink[] = [];
    const emails: OutgoingEmail[] = [];
    const states: ReminderState[] = [];
    const events: InvitationEventRecord[] = [];
    for (const step of steps) {
      const inv = live.get(step.invitationId)!;
      // Invited with a file request still waiting: the link lands on it, and the email says so.
      const landing = inv.request_id ? requestPortalPath(inv.request_id) : undefined;
      const link = newAcceptLink(this.config.PUBLIC_URL, inv.id, landing);
      const acceptUrl = link.url;
      const message = await this.renderer.render({
        kind: step.kind,
        firmName: settings.firmName,
        logoUrl: settings.logoUrl,
        greetingName: inv.first_name || inv.email,
        acceptUrl,
        expiresAt: new Date(step.expiresAt),
        requestWaiting: Boolean(landing),
      });
      links.push(link);
      emails.push({
        id: randomUUID(),
        kind: step.kind === 'reminder' ? 'reminder' : 'invitation',
        idempotencyKey: key(step),
        to: inv.email,
        from: fromHeader(settings.firmName, inv.sender_email),
        ...message,
        links: [{ label: 'Accept invitation', url: acceptUrl }],
        contactId: inv.contact_id,
        invitationId: inv.id,
        bulk: step.bulk,
      });
      states.push({
        id: inv.id,
        reminders_sent: step.remindersSent,
        next_reminder_at: step.nextReminderAt,
        expires_at: step.expiresAt,
      });
      events.push({
        invitation_id: inv.id,
        contact_id: inv.contact_id,
        kind: EVENT_KIND[step.kind],
        detail: eventDetail(step, inv),
      });
    }
    const resent = steps.filter((s) => s.kind === 'resend').map((s) => s.invitationId);
    if (resent.length) {
      await revokeInvitationLinks(sql, resent);
    }
    await storeAcceptLinks(sql, links);
    await insertOutgoingEmails(sql, emails, settings.emailDelivery);
    await setReminderStates(sql, states);
    await insertInvitationEvents(sql, events);
  }
}

function eventDetail(step: InvitationEmailStep, inv: LiveInvitation): string {
  if (step.kind === 'reminder') {
    return step.remindersSent <= inv.max_reminders
      ? `Reminder ${step.remindersSent} of ${inv.max_reminders}`
      : `Reminder ${step.remindersSent} (asked by staff)`;
  }
  if (step.kind === 'resend')
    return `New link sent from ${inv.sender_email}; earlier links no longer work`;
  return `Sent from ${inv.sender_email}`;
}
