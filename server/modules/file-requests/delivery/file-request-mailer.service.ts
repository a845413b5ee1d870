import { randomUUID } from 'node:crypto';
import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { isoDate } from '@server/common/http/iso-date';
import { APP_CONFIG } from '@server/config/config.module';
import type { AppConfig } from '@server/config/env.schema';
import { sqlRunner, sqlTransaction, type SqlRunner } from '@server/database/sql-runner';
import type { FileRequestEmailKind } from '@workflows/file-request/file-request.contract';
import { EmailDispatcherWaker } from '../../email/email-dispatcher-waker.service';
import { insertOutgoingEmails } from '../../email/email.repository';
import { fromHeader, type EmailKind, type OutgoingEmail } from '../../email/outgoing-email';
import { renderEmail } from '../../email/render-email';
import {
  FileRequestDigestEmail,
  fileRequestDigestSubject,
} from '../../email/templates/file-request-digest-email';
import {
  FileRequestEmail,
  fileRequestEmailSubject,
} from '../../email/templates/file-request-email';
import { endPendingInvitation, storeAcceptLinks } from '../../invitations/invitations.repository';
import { InvitationWorkflowsService } from '../../invitations/invitation-workflows.service';
import { SettingsService } from '../../settings/settings.service';
import { recordEvent } from '../file-requests.repository';
import {
  countReminderSent,
  findItemTitles,
  findRequestInvitations,
  findReviewers,
  lastAnswerEventId,
  lockLiveRequest,
  notYetEmailed,
  reachableRecipients,
  recordInvitationsSent,
  type LiveRequest,
  type Recipient,
} from './file-request-delivery.repository';
import { recipientEmail, type RecipientEmailContext } from './recipient-email';

const REMINDER_WHEN: Record<FileRequestEmailKind, string> = {
  request: '',
  reminder: '',
  reminder_before: ' before the due date',
  reminder_due: ' on the due date',
  reminder_overdue: ' after the due date',
};

/**
 * The emails of file requests, for the workflow's activities and the console's "remind now":
 * each re-reads the request under a lock (an ended request sends nothing), goes through the
 * outbox with one idempotency key per step and recipient, and leaves a line in the timeline.
 */
@Injectable()
export class FileRequestMailerService {
  constructor(
    private readonly em: EntityManager,
    private readonly settings: SettingsService,
    private readonly waker: EmailDispatcherWaker,
    private readonly invitationWorkflows: InvitationWorkflowsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Emails the recipients who still have access. Reminders go only while items are with them
   * (status `open`). `open: false` when the request has ended (completed, cancelled, deleted).
   */
  async notify(
    requestId: string,
    kind: FileRequestEmailKind,
    key: string,
    staffId: string | null = null,
  ): Promise<{ open: boolean; sent: number }> {
    const settings = await this.settings.get();
    const result = await sqlTransaction(this.em, async (sql) => {
      const request = await lockLiveRequest(sql, requestId);
      const waiting =
        request?.status === 'open' || (kind === 'request' && request?.status === 'uploaded');
      if (!request || !waiting) return { open: false, sent: 0 };
      const keyOf = (r: Recipient) => `file-request/${requestId}/${key}/${r.contact_id}`;
      const reachable = await reachableRecipients(sql, requestId, request.client_id);
      const recipients = await notYetEmailed(sql, reachable, keyOf);
      const items = await findItemTitles(sql, requestId);
      const outstanding = items.filter((i) => ['requested', 'rejected'].includes(i.status));
      const ctx: RecipientEmailContext = {
        publicUrl: this.config.PUBLIC_URL,
        settings,
        request,
        links: [],
      };
      const emails = await Promise.all(
        recipients.map((r) =>
          this.recipientEmail(ctx, r, kind, {
            key: keyOf(r),
            items: items.map((i) => i.title),
            outstanding: outstanding.length,
          }),
        ),
      );
      await storeAcceptLinks(sql, ctx.links);
      const sent = await insertOutgoingEmails(sql, emails, settings.emailDelivery);
      if (kind === 'request') await this.recordInvitations(sql, request, recipients);
      if (sent) {
        if (kind !== 'request') {
          await countReminderSent(sql, requestId);
        }
        await recordEvent(sql, {
          requestId,
          kind: kind === 'request' ? 'notified' : 'reminder_sent',
          detail: `${kind === 'request' ? 'Request emailed' : `Reminder${REMINDER_WHEN[kind]} emailed`} to ${recipients.map((r) => r.email).join(', ')}`,
          staffId,
        });
      }
      return { open: true, sent };
    });
    if (result.sent) this.waker.wake();
    if (kind === 'request') await this.followUpInvitations(requestId, result.open);
    return result;
  }

  /** Whom the request's email invited, on each invitation's timeline. */
  private async recordInvitations(
    sql: SqlRunner,
    request: LiveRequest,
    recipients: Recipient[],
  ): Promise<void> {
    const invited = recipients.filter((r) => r.invited_with_request && r.invitation_id);
    if (!invited.length) return;
    await recordInvitationsSent(
      sql,
      `Sent with the file request "${request.subject}" from ${request.sender_email}`,
      invited.map(({ invitation_id, contact_id }) => ({ invitation_id, contact_id })),
    );
  }

  /**
   * Invitations made with the request get their usual reminders and expiry: their workflows
   * start once the request's email (their first) is queued. A request that ended before its
   * email withdraws them. Idempotent, so a retry is safe.
   */
  private async followUpInvitations(requestId: string, emailed: boolean): Promise<void> {
    const pending = await findRequestInvitations(sqlRunner(this.em), requestId);
    for (const invitation of pending) {
      if (emailed) await this.invitationWorkflows.start(invitation);
      else {
        const why = 'Its file request ended before the email went out';
        await endPendingInvitation(sqlRunner(this.em), invitation.id, 'revoked', why);
      }
    }
  }

  /**
   * Tells staff that every item has an answer to review: the request's creator while active
   * and still seeing the client, else the client's owners. One email per time it became fully
   * answered, keyed by the answer that completed it.
   */
  async sendUploadedDigest(requestId: string): Promise<void> {
    const settings = await this.settings.get();
    const queued = await sqlTransaction(this.em, async (sql) => {
      const request = await lockLiveRequest(sql, requestId);
      if (!request || request.status !== 'uploaded') return 0;
      const lastAnswer = await lastAnswerEventId(sql, requestId);
      const staff = await findReviewers(sql, request.created_by_staff_id, request.client_id);
      // Every item is answered or accepted once the request is uploaded.
      const items = await findItemTitles<'uploaded' | 'not_applicable' | 'accepted'>(
        sql,
        requestId,
      );
      const reviewUrl = `${this.config.PUBLIC_URL}/#/file-requests/${requestId}/show`;
      const emails = await Promise.all(
        staff.map(async (s): Promise<OutgoingEmail> => {
          const props = {
            firmName: settings.firmName,
            staffName: s.first_name,
            clientName: request.client_name,
            subject: request.subject,
            items,
            reviewUrl,
          };
          const message = await renderEmail(
            fileRequestDigestSubject(props),
            FileRequestDigestEmail(props),
          );
          return {
            id: randomUUID(),
            kind: 'file_request_digest',
            idempotencyKey: `file-request/${requestId}/digest/${lastAnswer}/${s.id}`,
            to: s.email,
            from: fromHeader(settings.firmName, request.sender_email),
            ...message,
            links: [{ label: 'Review the request', url: reviewUrl }],
            contactId: null,
            invitationId: null,
            fileRequestId: requestId,
          };
        }),
      );
      const count = await insertOutgoingEmails(sql, emails, settings.emailDelivery);
      if (count) {
        await recordEvent(sql, {
          requestId,
          kind: 'digest_sent',
          detail: `Every item answered; ${staff.map((s) => s.email).join(', ')} notified to review`,
        });
      }
      return count;
    });
    if (queued) this.waker.wake();
  }

  /** One recipient's request email or reminder. */
  private recipientEmail(
    ctx: RecipientEmailContext,
    r: Recipient,
    kind: FileRequestEmailKind,
    extra: { key: string; items: string[]; outstanding: number },
  ): Promise<OutgoingEmail> {
    const { request, settings } = ctx;
    const emailKind: EmailKind = kind === 'request' ? 'file_request' : 'file_request_reminder';
    return recipientEmail(ctx, r, { kind: emailKind, key: extra.key }, (access, greetingName) => {
      const props = {
        kind,
        firmName: settings.firmName,
        logoUrl: settings.logoUrl,
        greetingName,
        subject: request.subject,
        access,
        dueAt: request.due_at ? new Date(isoDate(request.due_at)) : null,
        timeZone: settings.timeZone,
        details: settings.detailedNotifications
          ? { description: request.description, message: request.message, items: extra.items }
          : null,
        outstanding: extra.outstanding,
      };
      return renderEmail(fileRequestEmailSubject(props), FileRequestEmail(props));
    });
  }
}
