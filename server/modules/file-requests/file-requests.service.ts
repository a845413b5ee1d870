import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/env.schema';
import { pgArray } from '../../database/pg-array';
import { sqlTransaction, type SqlRunner } from '../../database/sql-runner';
import {
  acceptedSignal,
  cancelledSignal,
  rejectedSignal,
} from '@workflows/file-request/file-request.contract';
import { SettingsErrors } from '../settings/settings.errors';
import { SettingsService } from '../settings/settings.service';
import { FileRequestMailerService } from './delivery/file-request-mailer.service';
import { recordEvent, settleStatus } from './file-request-state.sql';
import { FileRequestWorkflowsService } from './delivery/file-request-workflows.service';
import { FileRequestsErrors, requestNotFound } from './file-requests.errors';
import type { CreateFileRequestInput } from './file-requests.schemas';
import { lockItem, lockOpenRequest, type LockedItem } from './file-request-locks.sql';
import { formatFirmTime } from '../../common/time/firm-time';
import {
  insertPendingInvitations,
  restorePortalStatuses,
  type NewInvitations,
} from '../invitations/invitations.repository';

interface InvitedRecipient {
  contact_id: string;
  email: string;
  portal_status: string;
}
import { dayIn, endOfDayIn } from '../../common/time/firm-day';
import { invalidField } from '../../common/validation/parse-input';
import { temporalUnavailable } from '../../temporal/temporal-unavailable';

/** Staff's side of file requests: ask, review item by item, cancel, nudge. */
@Injectable()
export class FileRequestsService {
  constructor(
    private readonly em: EntityManager,
    private readonly settings: SettingsService,
    private readonly workflows: FileRequestWorkflowsService,
    private readonly mailer: FileRequestMailerService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Records the request (recipients, items, attachments shared with the recipients) in one
   * transaction, then starts its workflow; if Temporal cannot take it, nothing is left behind.
   * A playbook step passes its `origin`: the request it made is found again by a retried step.
   */
  async create(
    input: CreateFileRequestInput,
    staffId: string | null,
    origin: { playbookRunId: string; step: number } | null = null,
  ): Promise<string> {
    const settings = await this.settings.get();
    const { defaultSender, timeZone } = settings;
    const dueAt = typeof input.dueAt === 'string' ? endOfDayIn(input.dueAt, timeZone) : input.dueAt;
    if (dueAt && dueAt.getTime() <= Date.now()) invalidField('dueAt', 'must be in the future');
    if (!defaultSender) {
      throw SettingsErrors.NO_SENDING_DOMAIN(
        'No default sender is set: choose one in Settings first.',
      );
    }
    await this.assertRecipients(input.clientId, input.recipientIds);
    const items = input.items?.length
      ? input.items
      : [{ title: input.subject, description: null, updatesFileId: null }];
    await this.assertClientFiles(
      input.clientId,
      'attachmentFileIds',
      input.attachmentFileIds ?? [],
    );
    for (const [i, item] of items.entries()) {
      if (item.updatesFileId) {
        await this.assertClientFiles(input.clientId, `items.${i}.updatesFileId`, [
          item.updatesFileId,
        ]);
      }
    }
    const attachmentIds = [
      ...new Set([
        ...(input.attachmentFileIds ?? []),
        ...items.flatMap((i) => (i.updatesFileId ? [i.updatesFileId] : [])),
      ]),
    ];

    const { id, newShares, invited } = await sqlTransaction(this.em, async (sql) => {
      const [request] = await sql<{ id: string }[]>(
        `insert into file_request (client_id, subject, description, message, due_at, sender_email,
           created_by_staff_id, playbook_run_id, playbook_step)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?) returning id`,
        [
          input.clientId,
          input.subject,
          input.description,
          input.message,
          dueAt?.toISOString() ?? null,
          defaultSender,
          staffId,
          origin?.playbookRunId ?? null,
          origin?.step ?? null,
        ],
      );
      await sql(
        `insert into file_request_recipient (request_id, contact_id)
         select ?, c from unnest(?::uuid[]) c`,
        [request.id, pgArray(input.recipientIds)],
      );
      const invited = await this.inviteRecipients(sql, request.id, input.recipientIds, {
        senderEmail: defaultSender,
        staffId,
        settings,
      });
      await sql(
        `insert into file_request_item (request_id, position, title, description, updates_file_id)
         select ?, x.position, x.title, x.description, x.updates_file_id
         from jsonb_to_recordset(?::jsonb)
           as x(position int, title text, description text, updates_file_id uuid)`,
        [
          request.id,
          JSON.stringify(
            items.map((i, position) => ({
              position,
              title: i.title,
              description: i.description ?? null,
              updates_file_id: i.updatesFileId ?? null,
            })),
          ),
        ],
      );
      await sql(
        `insert into file_request_attachment (request_id, file_id) select ?, f from unnest(?::uuid[]) f`,
        [request.id, pgArray(attachmentIds)],
      );
      // Recipients must be able to open what they are asked to update.
      const shares = await sql<{ file_id: string; contact_id: string }[]>(
        `insert into client_file_share (file_id, contact_id)
         select f, c from unnest(?::uuid[]) f, unnest(?::uuid[]) c
         on conflict do nothing returning file_id, contact_id`,
        [pgArray(attachmentIds), pgArray(input.recipientIds)],
      );
      await recordEvent(sql, {
        requestId: request.id,
        kind: 'created',
        detail: `Requested ${items.length === 1 ? '1 item' : `${items.length} items`}${dueAt ? `, due ${dayIn(dueAt, timeZone)}` : ''}`,
        staffId,
      });
      if (invited.length) {
        await recordEvent(sql, {
          requestId: request.id,
          kind: 'invited',
          detail: `Invited to the portal with this request: ${invited.map((c) => c.email).join(', ')}`,
          staffId,
        });
      }
      return { id: request.id, newShares: shares, invited };
    });

    try {
      await this.workflows.start(id);
    } catch (e) {
      const unavailable = temporalUnavailable(e);
      await this.abandon(id, newShares, invited);
      throw unavailable;
    }
    return id;
  }

  /**
   * Accepting an answer to "update this file" makes the accepted upload that file's next
   * version: the shared file changes only once staff have seen what replaces it.
   */
  async accept(requestId: string, itemId: string, staffId: string): Promise<void> {
    await this.review(requestId, itemId, staffId, async (sql, item) => {
      await sql(
        `update file_request_item set status = 'accepted', updated_at = now() where id = ?`,
        [itemId],
      );
      const accepted = `Accepted "${item.title}"${item.status === 'not_applicable' ? ' as not applicable' : ''}`;
      if (item.status !== 'uploaded' || !item.updates_file_id || !item.file_id) return accepted;
      const [updated] = await sql<{ name: string; version: number }[]>(
        `with answer as (
           select v.stored_file_id, v.content_type, v.size, v.uploaded_by_contact_id
           from client_file f join client_file_version v
             on v.file_id = f.id and v.version = f.current_version where f.id = ?),
         bumped as (
           update client_file set current_version = current_version + 1, updated_at = now()
           where id = ? and exists (select 1 from answer) returning id, name, current_version)
         insert into client_file_version (file_id, version, stored_file_id, content_type, size,
           uploaded_by_contact_id)
         select b.id, b.current_version, a.stored_file_id, a.content_type, a.size,
           a.uploaded_by_contact_id from bumped b, answer a
         returning version, (select name from bumped) as name`,
        [item.file_id, item.updates_file_id],
      );
      return updated ? `${accepted}; ${updated.name} is now version ${updated.version}` : accepted;
    });
    await this.workflows.signal(requestId, acceptedSignal);
  }

  async reject(requestId: string, itemId: string, reason: string, staffId: string): Promise<void> {
    await this.review(requestId, itemId, staffId, async (sql, item) => {
      await sql(
        `update file_request_item set status = 'rejected', rejection_reason = ?,
           rejection_emailed_at = null, updated_at = now() where id = ?`,
        [reason, itemId],
      );
      return `Rejected "${item.title}": ${reason}`;
    });
    await this.workflows.signal(requestId, rejectedSignal);
  }

  async cancel(requestId: string, staffId: string): Promise<void> {
    await sqlTransaction(this.em, async (sql) => {
      await lockOpenRequest(sql, requestId);
      await sql(
        `update file_request set status = 'cancelled', closed_at = now(), last_activity_at = now()
         where id = ?`,
        [requestId],
      );
      await recordEvent(sql, {
        requestId,
        kind: 'cancelled',
        detail: 'Request cancelled',
        staffId,
      });
    });
    await this.workflows.signal(requestId, cancelledSignal);
  }

  /** "Remind now": one reminder at once, at most one per request per cooldown. */
  async remind(requestId: string, staffId: string): Promise<void> {
    const cooldown = this.config.INVITE_REMIND_COOLDOWN_SECONDS;
    const conn = this.em.getConnection();
    const [claimed] = await conn.execute<{ due_at: string | null }[]>(
      `update file_request set last_reminded_at = now() where id = ? and status = 'open'
         and (last_reminded_at is null or last_reminded_at <= now() - make_interval(secs => ?))
       returning due_at`,
      [requestId, cooldown],
    );
    if (!claimed) throw await this.whyNoReminder(requestId, cooldown);
    const due = claimed.due_at ? new Date(claimed.due_at).getTime() : null;
    const kind =
      due === null ? 'reminder' : due < Date.now() ? 'reminder_overdue' : 'reminder_before';
    const { sent } = await this.mailer.notify(requestId, kind, `manual-${Date.now()}`, staffId);
    if (!sent) {
      // Nothing went out: the button stays available.
      await conn.execute('update file_request set last_reminded_at = null where id = ?', [
        requestId,
      ]);
      throw FileRequestsErrors.FILE_REQUEST_NO_REACHABLE_RECIPIENTS(
        'No recipient can be emailed: they lost access to the client, or their address bounced.',
      );
    }
  }

  private async whyNoReminder(requestId: string, cooldown: number): Promise<Error> {
    const [row] = await this.em
      .getConnection()
      .execute<{ status: string; retry_at: string | null }[]>(
        `select status, last_reminded_at + make_interval(secs => ?) as retry_at
         from file_request where id = ?`,
        [cooldown, requestId],
      );
    if (!row) return requestNotFound(requestId);
    if (row.status !== 'open') {
      return FileRequestsErrors.FILE_REQUEST_CLOSED(
        row.status === 'uploaded'
          ? 'Every item has an answer already: nothing to remind about.'
          : `The request is ${row.status}.`,
      );
    }
    const retryAt = new Date(row.retry_at!).toISOString();
    const { timeZone } = await this.settings.get();
    return FileRequestsErrors.FILE_REQUEST_REMIND_TOO_SOON(
      `A reminder went out less than ${cooldown < 120 ? `${cooldown} seconds` : `${Math.round(cooldown / 60)} minutes`} ago; try again after ${formatFirmTime(retryAt, timeZone)}.`,
      { retryAt },
    );
  }

  /** Accept or reject: only an answered item (uploaded, or marked not applicable) of an open request. */
  private async review(
    requestId: string,
    itemId: string,
    staffId: string,
    change: (sql: SqlRunner, item: LockedItem) => Promise<string>,
  ): Promise<string> {
    return sqlTransaction(this.em, async (sql) => {
      await lockOpenRequest(sql, requestId);
      const item = await lockItem(sql, requestId, itemId);
      if (item.status !== 'uploaded' && item.status !== 'not_applicable') {
        throw FileRequestsErrors.FILE_REQUEST_ITEM_NOT_REVIEWABLE(
          `"${item.title}" is ${item.status.replace('_', ' ')}: only an uploaded item, or one marked not applicable, can be accepted or rejected.`,
        );
      }
      const detail = await change(sql, item);
      await recordEvent(sql, { requestId, itemId, kind: 'reviewed', detail, staffId });
      const { after } = await settleStatus(sql, requestId);
      if (after === 'completed') {
        await recordEvent(sql, {
          requestId,
          kind: 'completed',
          detail: 'Every item accepted',
          staffId,
        });
      }
      return after;
    });
  }

  /**
   * Every recipient must see the client and be reachable: an address that bounced or marked
   * our email as spam is never emailed, so a request to it could not reach them.
   */
  private async assertRecipients(clientId: string, ids: string[]): Promise<void> {
    const rows = await this.em
      .getConnection()
      .execute<{ id: string; email: string | null; has_access: boolean }[]>(
        `select x as id, ct.email, exists (select 1 from contact_client_access a
           where a.contact_id = x and a.client_id = ?) as has_access
         from unnest(?::uuid[]) x left join contact ct on ct.id = x
         where not exists (select 1 from contact_client_access a
             where a.contact_id = x and a.client_id = ?)
           or exists (select 1 from email_suppression s where s.email = lower(ct.email))`,
        [clientId, pgArray(ids), clientId],
      );
    if (!rows.length) return;
    const named = (ok: boolean) =>
      rows.filter((r) => r.has_access === ok).map((r) => r.email ?? r.id);
    const [outside, unreachable] = [named(false), named(true)];
    const problems = [
      outside.length &&
        `${outside.join(', ')} ${outside.length === 1 ? 'has' : 'have'} no access to this client`,
      unreachable.length &&
        `${unreachable.join(', ')} cannot be emailed (the address bounced or marked our email as spam)`,
    ].filter(Boolean);
    throw FileRequestsErrors.FILE_REQUEST_BAD_RECIPIENTS(`recipientIds: ${problems.join('; ')}`, {
      invalid: rows.map((r) => r.id),
    });
  }

  private async assertClientFiles(clientId: string, field: string, ids: string[]): Promise<void> {
    if (!ids.length) return;
    const found = await this.em
      .getConnection()
      .execute<{ id: string }[]>(
        'select id from client_file where client_id = ? and id = any(?::uuid[])',
        [clientId, pgArray(ids)],
      );
    const ok = new Set(found.map((f) => f.id));
    const missing = ids.filter((id) => !ok.has(id));
    if (missing.length) {
      throw FileRequestsErrors.FILE_REQUEST_UNKNOWN_FILES(
        `${field}: ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not a file of this client`,
        { missing },
      );
    }
  }

  /**
   * Recipients without portal access and without a pending invitation are invited by the
   * request's email itself (its link sets a password, then opens the request): their invitation
   * is recorded here, with the request. Returns them with their status before.
   */
  private async inviteRecipients(
    sql: SqlRunner,
    requestId: string,
    contactIds: string[],
    from: Pick<NewInvitations, 'senderEmail' | 'staffId' | 'settings'>,
  ): Promise<InvitedRecipient[]> {
    const uninvited = await sql<InvitedRecipient[]>(
      `select ct.id as contact_id, ct.email, ct.portal_status from contact ct
       where ct.id = any(?::uuid[]) and ct.portal_status <> 'accepted'
         and not exists (select 1 from invitation i
           where i.contact_id = ct.id and i.status = 'pending')`,
      [pgArray(contactIds)],
    );
    const invited = await insertPendingInvitations(sql, {
      ...from,
      contactIds: uninvited.map((c) => c.contact_id),
      fileRequestId: requestId,
    });
    return uninvited.filter((c) => invited.has(c.contact_id));
  }

  /** The workflow could not start: the request, its invitations and its shares are undone. */
  private async abandon(
    id: string,
    shares: { file_id: string; contact_id: string }[],
    invited: InvitedRecipient[],
  ) {
    await sqlTransaction(this.em, async (sql) => {
      await sql(`delete from invitation where file_request_id = ? and status = 'pending'`, [id]);
      await restorePortalStatuses(sql, invited);
      await sql('delete from file_request where id = ?', [id]);
      await sql(
        `delete from client_file_share s using jsonb_to_recordset(?::jsonb) as x(file_id uuid, contact_id uuid)
         where s.file_id = x.file_id and s.contact_id = x.contact_id`,
        [JSON.stringify(shares)],
      );
    });
  }
}
