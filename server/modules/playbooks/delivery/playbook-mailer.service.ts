import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '@server/config/config.module';
import type { AppConfig } from '@server/config/env.schema';
import type { SqlRunner } from '@server/database/sql-runner';
import { compileMarkdownEmail, type MergeValues } from '../../email/markdown-email.renderer';
import { insertOutgoingEmails } from '../../email/email.repository';
import { fromHeader, type OutgoingEmail } from '../../email/outgoing-email';
import { SettingsService } from '../../settings/settings.service';
import type { FirmSettings } from '../../settings/settings.view';
import {
  findOwnersToNotify,
  findPrimaryRecipient,
  type Recipient,
} from './playbook-step-actions.repository';
import { StepFailure, type LockedRun, type StepNote } from './playbook-step';

/**
 * The emails of playbook steps, queued in the step's transaction through the outbox with one
 * idempotency key per run, step (and staff member): a retried step queues nothing twice.
 */
@Injectable()
export class PlaybookMailerService {
  constructor(
    private readonly settings: SettingsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** `send_email`: to the client's primary contact. */
  async sendEmail(
    sql: SqlRunner,
    run: LockedRun,
    step: number,
    email: { subject: string; body: string },
  ): Promise<StepNote> {
    const settings = await this.settings.get(sql);
    const sender = this.sender(settings);
    const to = await findPrimaryRecipient(sql, run.client_id);
    if (!to.email) {
      return { outcome: 'skipped', detail: 'No email sent: the client has no primary contact' };
    }
    if (to.suppressed) {
      return {
        outcome: 'skipped',
        detail: `No email sent: ${to.email} bounced or complained before`,
      };
    }
    const compiled = await compileMarkdownEmail({
      subject: email.subject,
      markdown: email.body,
      firmName: settings.firmName,
      logoUrl: settings.logoUrl,
      withUnsubscribe: false,
    });
    const message = compiled.fill(mergeValues(to, settings), null);
    const queued = await insertOutgoingEmails(
      sql,
      [
        {
          id: randomUUID(),
          kind: 'playbook',
          idempotencyKey: `playbook-run/${run.id}/${step}`,
          to: to.email,
          from: fromHeader(settings.firmName, sender),
          ...message,
          links: [],
          contactId: to.contact_id,
          invitationId: null,
        },
      ],
      settings.emailDelivery,
    );
    return {
      outcome: 'done',
      detail: `Emailed "${message.subject}" to ${to.email}`,
      wake: !!queued,
    };
  }

  /** `notify_owner`: to the client's owners, or without any the playbook's creator. */
  async notifyOwner(sql: SqlRunner, run: LockedRun, step: number, text: string): Promise<StepNote> {
    const settings = await this.settings.get(sql);
    const sender = this.sender(settings);
    const staff = await findOwnersToNotify(sql, run.client_id, run.created_by_staff_id);
    if (!staff.length) {
      return {
        outcome: 'skipped',
        detail: 'Nobody notified: the client has no owner and the playbook no active creator',
      };
    }
    const contact = await findPrimaryRecipient(sql, run.client_id);
    const clientUrl = `${this.config.PUBLIC_URL}/#/clients/${run.client_id}/show`;
    const compiled = await compileMarkdownEmail({
      subject: `${run.playbook_name}: {{clientName}}`,
      markdown: `${text}\n\n[Open the client in Client Hub](${clientUrl})`,
      firmName: settings.firmName,
      logoUrl: settings.logoUrl,
      withUnsubscribe: false,
    });
    const message = compiled.fill(mergeValues(contact, settings), null);
    const emails = staff.map((s): OutgoingEmail => ({
      id: randomUUID(),
      kind: 'playbook',
      idempotencyKey: `playbook-run/${run.id}/${step}/${s.id}`,
      to: s.email,
      from: fromHeader(settings.firmName, sender),
      ...message,
      links: [{ label: 'Open the client', url: clientUrl }],
      contactId: null,
      invitationId: null,
    }));
    const queued = await insertOutgoingEmails(sql, emails, settings.emailDelivery);
    return {
      outcome: 'done',
      detail: `Notified ${staff.map((s) => s.email).join(', ')}`,
      wake: !!queued,
    };
  }

  private sender(settings: FirmSettings): string {
    if (!settings.defaultSender) {
      throw new StepFailure('No default sender is set: choose one in Settings.');
    }
    return settings.defaultSender;
  }
}

/** The merge fields speak of the client's primary contact (empty when it has none). */
function mergeValues(r: Recipient, settings: FirmSettings): MergeValues {
  const fullName = [r.first_name, r.last_name].filter(Boolean).join(' ');
  return {
    firstName: r.first_name ?? '',
    lastName: r.last_name ?? '',
    fullName: fullName || (r.email ?? ''),
    email: r.email ?? '',
    clientName: r.client_name,
    firmName: settings.firmName,
  };
}
