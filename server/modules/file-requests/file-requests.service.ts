import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/env.schema';
import { sqlRunner, sqlTransaction, type SqlRunner } from '../../database/sql-runner';
import {
  acceptedSignal,
  cancelledSignal,
  rejectedSignal,
} from '@workflows/file-request/file-request.contract';
import { SettingsErrors } from '../settings/settings.errors';
import { SettingsService } from '../settings/settings.service';
import { FileRequestMailerService } from './delivery/file-request-mailer.service';
import { FileRequestWorkflowsService } from './delivery/file-request-workflows.service';
import {
  deleteRequest,
  deleteRequestInvitations,
  deleteShares,
  findClientFileIds,
  findRecipientProblems,
  findInvitees,
  insertAttachments,
  insertItems,
  insertRecipients,
  insertRequest,
  shareFiles,
  type FileShare,
  type Invitee,
} from './file-request-creation.repository';
import {
  copyAnswerAsNextVersion,
  lockItem,
  markItemAccepted,
  markItemRejected,
  type LockedItem,
} from './file-request-items.repository';
import { FileRequestsErrors, requestNotFound } from './file-requests.errors';
import {
  cancelRequest,
  claimReminder,
  findReminderState,
  lockOpenRequest,
  recordEvent,
  releaseReminder,
  settleStatus,
} from './file-requests.repository';
import type { CreateFileRequestInput } from './file-requests.schemas';
import { formatFirmTime } from '../../common/time/firm-time';
import {
  insertPendingInvitations,
  restorePortalStatuses,
  type NewInvitations,
} from '../invitations/invitations.repository';
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
      const requestId = await insertRequest(sql, {
        clientId: input.clientId,
        subject: input.subject,
        description: input.description,
        message: input.message,
        dueAt: dueAt?.toISOString() ?? null,
        senderEmail: defaultSender,
        staffId,
        playbookRunId: origin?.playbookRunId ?? null,
        playbookStep: origin?.step ?? null,
      });
      await insertRecipients(sql, requestId, input.recipientIds);
      const invited = await this.inviteRecipients(sql, requestId, input.recipientIds, {
        senderEmail: defaultSender,
        staffId,
        settings,
      });
      await insertItems(
        sql,
        requestId,
        items.map((i) => ({
          title: i.title,
          description: i.description ?? null,
          updatesFileId: i.updatesFileId ?? null,
        })),
      );
      await insertAttachments(sql, requestId, attachmentIds);
      // Recipients must be able to open what they are asked to update.
      const shares = await shareFiles(sql, attachmentIds, input.recipientIds);
      await recordEvent(sql, {
        requestId,
        kind: 'created',
        detail: `Requested ${items.length === 1 ? '1 item' : `${items.length} items`}${dueAt ? `, due ${dayIn(dueAt, timeZone)}` : ''}`,
        staffId,
      });
      if (invited.length) {
        await recordEvent(sql, {
          requestId,
          kind: 'invited',
          detail: `Invited to the portal with this request: ${invited.map((c) => c.email).join(', ')}`,
          staffId,
        });
      }
      return { id: requestId, newShares: shares, invited };
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
      await markItemAccepted(sql, itemId);
      const accepted = `Accepted "${item.title}"${item.status === 'not_applicable' ? ' as not applicable' : ''}`;
      if (item.status !== 'uploaded' || !item.updates_file_id || !item.file_id) return accepted;
      const updated = await copyAnswerAsNextVersion(sql, item.file_id, item.updates_file_id);
      return updated ? `${accepted}; ${updated.name} is now version ${updated.version}` : accepted;
    });
    await this.workflows.signal(requestId, acceptedSignal);
  }

  async reject(requestId: string, itemId: string, reason: string, staffId: string): Promise<void> {
    await this.review(requestId, itemId, staffId, async (sql, item) => {
      await markItemRejected(sql, itemId, reason);
      return `Rejected "${item.title}": ${reason}`;
    });
    await this.workflows.signal(requestId, rejectedSignal);
  }

  async cancel(requestId: string, staffId: string): Promise<void> {
    await sqlTransaction(this.em, async (sql) => {
      await lockOpenRequest(sql, requestId);
      await cancelRequest(sql, requestId);
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
    const sql = sqlRunner(this.em);
    const claimed = await claimReminder(sql, requestId, cooldown);
    if (!claimed) throw await this.whyNoReminder(requestId, cooldown);
    const due = claimed.due_at ? new Date(claimed.due_at).getTime() : null;
    const kind =
      due === null ? 'reminder' : due < Date.now() ? 'reminder_overdue' : 'reminder_before';
    const { sent } = await this.mailer.notify(requestId, kind, `manual-${Date.now()}`, staffId);
    if (!sent) {
      // Nothing went out: the button stays available.
      await releaseReminder(sql, requestId);
      throw FileRequestsErrors.FILE_REQUEST_NO_REACHABLE_RECIPIENTS(
        'No recipient can be emailed: they lost access to the client, or their address bounced.',
      );
    }
  }

  private async whyNoReminder(requestId: string, cooldown: number): Promise<Error> {
    const row = await findReminderState(sqlRunner(this.em), requestId, cooldown);
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
    const rows = await findRecipientProblems(sqlRunner(this.em), clientId, ids);
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
    const ok = new Set(await findClientFileIds(sqlRunner(this.em), clientId, ids));
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
  ): Promise<Invitee[]> {
    const uninvited = await findInvitees(sql, contactIds);
    const invited = await insertPendingInvitations(sql, {
      ...from,
      contactIds: uninvited.map((c) => c.contact_id),
      fileRequestId: requestId,
    });
    return uninvited.filter((c) => invited.has(c.contact_id));
  }

  /** The workflow could not start: the request, its invitations and its shares are undone. */
  private async abandon(id: string, shares: FileShare[], invited: Invitee[]) {
    await sqlTransaction(this.em, async (sql) => {
      await deleteRequestInvitations(sql, id);
      await restorePortalStatuses(sql, invited);
      await deleteRequest(sql, id);
      await deleteShares(sql, shares);
    });
  }
}
