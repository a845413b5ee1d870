import { randomUUID } from 'node:crypto';
import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { isoDate } from '../../../common/http/iso-date';
import { APP_CONFIG } from '../../../config/config.module';
import type { AppConfig } from '../../../config/env.schema';
import { sqlTransaction, type SqlRunner } from '../../../database/sql-transaction';
import type {
  FileRequestEmailKind,
  FileRequestRecordStatus,
} from '../../../../workflows/file-request/file-request.contract';
import { EmailDispatcherWaker } from '../../email/email-dispatcher-waker.service';
import {
  fromHeader,
  insertOutgoingEmails,
  type EmailKind,
  type OutgoingEmail,
} from '../../email/outgoing-email';
import { renderEmail } from '../../email/render-email';
import {
  FileRequestDigestEmail,
  fileRequestDigestSubject,
} from '../../email/templates/file-request-digest-email';
import {
  FileRequestEmail,
  fileRequestEmailSubject,
} from '../../email/templates/file-request-email';
import { SettingsService, type FirmSettings } from '../../settings/settings.service';
import { recordEvent } from '../file-request-state.sql';

interface LiveRequest {
  id: string;
  client_id: string;
  client_name: string;
  subject: string;
  description: string | null;
  message: string | null;
  due_at: string | null;
  status: string;
  sender_email: string;
  created_by_staff_id: string | null;
}

interface Recipient {
  contact_id: string;
  email: string;
  first_name: string | null;
  accepted: boolean;
}

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
      const request = await this.lock(sql, requestId);
      const waiting =
        request?.status === 'open' || (kind === 'request' && request?.status === 'uploaded');
      if (!request || !waiting) return { open: false, sent: 0 };
      const recipients = await sql<Recipient[]>(
        `select ct.id as contact_id, ct.email, ct.first_name,
           ct.portal_status = 'accepted' as accepted
         from file_request_recipient rr join contact ct on ct.id = rr.contact_id
         where rr.request_id = ? and ct.email is not null
           and exists (select 1 from contact_client_access a
             where a.contact_id = ct.id and a.client_id = ?)
           and not exists (select 1 from email_suppression s where s.email = lower(ct.email))
         order by lower(ct.email)`,
        [requestId, request.client_id],
      );
      const items = await sql<{ title: string; status: string }[]>(
        'select title, status from file_request_item where request_id = ? order by position',
        [requestId],
      );
      const outstanding = items.filter((i) => ['requested', 'rejected'].includes(i.status));
      const emails = await Promise.all(
        recipients.map((r) =>
          this.recipientEmail(request, r, kind, settings, {
            key: `file-request/${requestId}/${key}/${r.contact_id}`,
            items: items.map((i) => i.title),
            outstanding: outstanding.length,
          }),
        ),
      );
      const sent = await insertOutgoingEmails(sql, emails, settings.emailDelivery);
      if (sent) {
        if (kind !== 'request') {
          await sql(
            `update file_request set reminders_sent = reminders_sent + 1, last_reminded_at = now()
             where id = ?`,
            [requestId],
          );
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
    return result;
  }

  async status(requestId: string): Promise<FileRequestRecordStatus> {
    const [row] = await this.em
      .getConnection()
      .execute<{ status: FileRequestRecordStatus }[]>(
        'select status from file_request where id = ?',
        [requestId],
      );
    return row?.status ?? 'gone';
  }

  /** Sets the overdue flag once the due date passes with items still outstanding. */
  async markOverdue(requestId: string): Promise<{ open: boolean }> {
    return sqlTransaction(this.em, async (sql) => {
      const request = await this.lock(sql, requestId);
      if (!request || !['open', 'uploaded'].includes(request.status)) return { open: false };
      const [changed] = await sql<{ id: string }[]>(
        'update file_request set overdue = true where id = ? and not overdue returning id',
        [requestId],
      );
      if (changed && request.status === 'open') {
        await recordEvent(sql, {
          requestId,
          kind: 'overdue',
          detail: 'The due date passed with documents still missing',
        });
      }
      return { open: true };
    });
  }

  /**
   * Tells staff that every item has an answer to review: the request's creator while active
   * and still seeing the client, else the client's owners. One email per time it became fully
   * answered, keyed by the answer that completed it.
   */
  async sendUploadedDigest(requestId: string): Promise<void> {
    const settings = await this.settings.get();
    const queued = await sqlTransaction(this.em, async (sql) => {
      const request = await this.lock(sql, requestId);
      if (!request || request.status !== 'uploaded') return 0;
      const [last] = await sql<{ id: string }[]>(
        `select max(id)::text as id from file_request_event
         where request_id = ? and kind in ('uploaded','not_applicable')`,
        [requestId],
      );
      const staff = await sql<{ id: string; email: string; first_name: string }[]>(
        `with creator as (
           select s.id from staff_user s where s.id = ? and s.active and (
             s.roles && '{entities_admin,staff_admin}'::text[]
             or exists (select 1 from staff_client_access a
               where a.staff_user_id = s.id and a.client_id = ?)))
         select s.id, s.email, s.first_name from staff_user s
         where s.active and (s.id in (select id from creator)
           or (not exists (select 1 from creator) and s.id in (select staff_user_id
             from staff_client_access where client_id = ? and role = 'owner')))`,
        [request.created_by_staff_id, request.client_id, request.client_id],
      );
      const items = await sql<
        { title: string; status: 'uploaded' | 'not_applicable' | 'accepted' }[]
      >('select title, status from file_request_item where request_id = ? order by position', [
        requestId,
      ]);
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
            idempotencyKey: `file-request/${requestId}/digest/${last.id}/${s.id}`,
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

  /** The workflow ended: the timeline says reminders have stopped (if the request is still there). */
  async finish(requestId: string, outcome: 'completed' | 'cancelled'): Promise<void> {
    await this.em.getConnection().execute(
      `insert into file_request_event (request_id, kind, detail)
       select id, 'reminders_stopped', ? from file_request where id = ?`,
      [`Reminders stopped: the request is ${outcome}`, requestId],
    );
  }

  private async lock(sql: SqlRunner, requestId: string): Promise<LiveRequest | undefined> {
    const [row] = await sql<LiveRequest[]>(
      `select r.id, r.client_id, c.display_name as client_name, r.subject, r.description,
         r.message, r.due_at, r.status, r.sender_email, r.created_by_staff_id
       from file_request r join client c on c.id = r.client_id where r.id = ? for update of r`,
      [requestId],
    );
    return row;
  }

  private async recipientEmail(
    request: LiveRequest,
    r: Recipient,
    kind: FileRequestEmailKind,
    settings: FirmSettings,
    extra: { key: string; items: string[]; outstanding: number },
  ): Promise<OutgoingEmail> {
    const requestUrl = `${this.config.PUBLIC_URL}/portal/requests/${request.id}`;
    const props = {
      kind,
      firmName: settings.firmName,
      logoUrl: settings.logoUrl,
      greetingName: r.first_name || r.email,
      subject: request.subject,
      requestUrl,
      dueAt: request.due_at ? new Date(isoDate(request.due_at)) : null,
      timeZone: settings.timeZone,
      details: settings.detailedNotifications
        ? { description: request.description, message: request.message, items: extra.items }
        : null,
      outstanding: extra.outstanding,
      needsAccount: !r.accepted,
    };
    const message = await renderEmail(fileRequestEmailSubject(props), FileRequestEmail(props));
    const emailKind: EmailKind = kind === 'request' ? 'file_request' : 'file_request_reminder';
    return {
      id: randomUUID(),
      kind: emailKind,
      idempotencyKey: extra.key,
      to: r.email,
      from: fromHeader(settings.firmName, request.sender_email),
      ...message,
      links: [{ label: 'Open the request', url: requestUrl }],
      contactId: r.contact_id,
      invitationId: null,
      fileRequestId: request.id,
    };
  }
}
