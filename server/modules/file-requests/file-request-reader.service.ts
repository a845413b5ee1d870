import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { SqlCondition } from '../../common/access/access.service';
import type { Page } from '../../common/http/content-range';
import { isoDate } from '../../common/http/iso-date';
import type { ListQuery } from '../../common/http/list-query';
import { SampledLists } from '../../database/sampled-lists.service';
import { sqlRunner } from '../../database/sql-runner';
import { requestNotFound } from './file-requests.errors';
import { findRequestClient } from './file-requests.repository';
import type { RecipientOptionView } from './request-recipients.view';
import type { FileRequestFilter, FileRequestSortField } from './file-requests.schemas';
import type {
  FileRequestEventView,
  FileRequestItemStatus,
  FileRequestItemView,
  FileRequestSummaryView,
  FileRequestView,
} from './file-request.view';
import {
  fileRequestListSpec,
  findAttachments,
  findContactSummaries,
  findEvents,
  findItems,
  findRecipientOptions,
  findSummaries,
  findSummary,
  type EventRow,
  type ItemRow,
  type SummaryRow,
} from './file-request-views.repository';

const EMPTY_COUNTS: Record<FileRequestItemStatus, number> = {
  requested: 0,
  uploaded: 0,
  accepted: 0,
  rejected: 0,
  not_applicable: 0,
};

/** Reads file requests as the API shows them: lists, and one request with everything in it. */
@Injectable()
export class FileRequestReader {
  constructor(
    private readonly em: EntityManager,
    private readonly lists: SampledLists,
  ) {}

  /**
   * A page planned from a sample on a large table (see sampledList), then summarised: the
   * summary's joins and counts run for the page's rows only.
   */
  async list(
    query: ListQuery<FileRequestFilter, FileRequestSortField>,
    visible: SqlCondition | null,
  ): Promise<Page<FileRequestSummaryView>> {
    const page = await this.lists.pageOf(fileRequestListSpec(query, visible), findSummaries);
    return { items: page.rows.map(toSummary), total: page.total, estimated: page.estimated };
  }

  /** A contact's requests: open ones first, soonest due first. */
  async listForContact(contactId: string): Promise<FileRequestView[]> {
    const rows = await findContactSummaries(sqlRunner(this.em), contactId);
    return this.details(rows, false);
  }

  /** The request with items, attachments and timeline; `staff` adds what only staff see. */
  async get(id: string, staff: boolean): Promise<FileRequestView> {
    const row = await findSummary(sqlRunner(this.em), id);
    if (!row) throw requestNotFound(id);
    const [view] = await this.details([row], staff);
    return view;
  }

  /** The client's contacts (directly or through its groups) and how a request would reach each. */
  async recipientOptions(clientId: string): Promise<RecipientOptionView[]> {
    const rows = await findRecipientOptions(sqlRunner(this.em), clientId);
    return rows.map(({ portal_status, ...r }) => ({ ...r, portalStatus: portal_status }));
  }

  /** The client of a request (for the access check), or 404. */
  async clientOf(id: string): Promise<string> {
    const clientId = await findRequestClient(sqlRunner(this.em), id);
    if (!clientId) throw requestNotFound(id);
    return clientId;
  }

  private async details(rows: SummaryRow[], staff: boolean): Promise<FileRequestView[]> {
    if (!rows.length) return [];
    const ids = rows.map((r) => r.id);
    const sql = sqlRunner(this.em);
    const [items, attachments, events] = await Promise.all([
      findItems(sql, ids),
      findAttachments(sql, ids),
      findEvents(sql, ids, staff),
    ]);
    return rows.map((r) => ({
      ...toSummary(r),
      description: r.description,
      message: r.message,
      items: items.filter((i) => i.request_id === r.id).map(toItem),
      attachments: attachments.filter((a) => a.request_id === r.id).map((a) => a.ref),
      events: events.filter((e) => e.request_id === r.id).map(toEvent),
    }));
  }
}

const toSummary = (r: SummaryRow): FileRequestSummaryView => ({
  id: r.id,
  clientId: r.client_id,
  clientName: r.client_name,
  subject: r.subject,
  status: r.status,
  overdue: r.overdue,
  dueAt: r.due_at ? isoDate(r.due_at) : null,
  recipients: r.recipients,
  itemCounts: { ...EMPTY_COUNTS, ...mapCounts(r.item_counts) },
  remindersSent: r.reminders_sent,
  createdBy: r.creator_id ? { id: r.creator_id, name: r.creator_name ?? '' } : null,
  createdAt: isoDate(r.created_at),
  lastActivityAt: isoDate(r.last_activity_at),
});

const mapCounts = (c: Partial<Record<FileRequestItemStatus, number>>) =>
  Object.fromEntries(Object.entries(c).map(([k, v]) => [k, Number(v)]));

const toItem = (i: ItemRow): FileRequestItemView => ({
  id: i.id,
  position: i.position,
  title: i.title,
  description: i.description,
  status: i.status,
  rejectionReason: i.rejection_reason,
  notApplicableComment: i.not_applicable_comment,
  file: i.file,
  updatesFile: i.updates_file,
  updatedAt: isoDate(i.updated_at),
});

const toEvent = (e: EventRow): FileRequestEventView => ({
  id: e.id,
  kind: e.kind,
  detail: e.detail,
  itemId: e.item_id,
  actor: {
    type: e.actor_type,
    name: e.actor_name ?? (e.actor_type === 'system' ? 'Client Hub' : ''),
  },
  at: isoDate(e.at),
});
