import { randomUUID } from 'node:crypto';
import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '@server/config/config.module';
import type { AppConfig } from '@server/config/env.schema';
import { pgArray } from '@server/database/pg-array';
import { sqlTransaction, type SqlRunner } from '@server/database/sql-runner';
import type { InvitationEmailStep } from '@workflows/portal-invitation/portal-invitation.contract';
import { EmailDispatcherWaker } from '../../email/email-dispatcher-waker.service';
import { InvitationEmailRenderer } from '../../email/invitation-email.renderer';
import { insertOutgoingEmails } from '../../email/email.repository';
import { fromHeader, type OutgoingEmail } from '../../email/outgoing-email';
import { SettingsService } from '../../settings/settings.service';
import type { FirmSettings } from '../../settings/settings.view';
import {
  newAcceptLink,
  requestPortalPath,
  storeAcceptLinks,
  type AcceptLink,
} from '../accept-link';
import { endPendingInvitation } from '../end-invitation.sql';

interface LiveInvitation {
  id: string;
  contact_id: string;
  sender_email: string;
  max_reminders: number;
  email: string;
  first_name: string | null;
  /** The file request this invitation came with, while it waits for the contact. */
  request_id: string | null;
}

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
      const rows = await sql<LiveInvitation[]>(
        `select i.id, i.contact_id, i.sender_email, i.max_reminders, ct.email, ct.first_name,
           (select r.id from file_request r where r.id = i.file_request_id and r.status = 'open')
             as request_id
         from invitation i join contact ct on ct.id = i.contact_id
         where i.id = any(?::uuid[]) and i.status = 'pending' for update of i`,
        [pgArray(steps.map((s) => s.invitationId))],
      );
      const live = new Map(rows.map((r) => [r.id, r]));
      const candidates = steps.filter((s) => live.has(s.invitationId));
      const done = await sql<{ idempotency_key: string }[]>(
        'select idempotency_key from email_message where idempotency_key = any(?::text[])',
        [pgArray(candidates.map(key))],
      );
      const queued = new Set(done.map((d) => d.idempotency_key));
      const fresh = candidates.filter((s) => !queued.has(key(s)));
      if (fresh.length) await this.write(sql, fresh, live, settings, key);
      return new Set(live.keys());
    });
    this.waker.wake();
    return pending;
  }

  /** Ends a pending invitation at its deadline; every link dies with it. */
  async expire(invitationId: string): Promise<void> {
    await endPendingInvitation(this.em, invitationId, 'expired', null);
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
    const states: object[] = [];
    const events: object[] = [];
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
      await sql(
        `update invitation_token set revoked_at = now()
         where invitation_id = any(?::uuid[]) and revoked_at is null`,
        [pgArray(resent)],
      );
    }
    await storeAcceptLinks(sql, links);
    await insertOutgoingEmails(sql, emails, settings.emailDelivery);
    await sql(
      `update invitation i set reminders_sent = x.reminders_sent,
         next_reminder_at = x.next_reminder_at, expires_at = x.expires_at, updated_at = now()
       from jsonb_to_recordset(?::jsonb)
         as x(id uuid, reminders_sent int, next_reminder_at timestamptz, expires_at timestamptz)
       where i.id = x.id`,
      [JSON.stringify(states)],
    );
    await sql(
      `insert into invitation_event (invitation_id, contact_id, kind, detail)
       select * from jsonb_to_recordset(?::jsonb)
         as x(invitation_id uuid, contact_id uuid, kind text, detail text)`,
      [JSON.stringify(events)],
    );
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
