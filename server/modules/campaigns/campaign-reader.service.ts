import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { Page } from '../../common/http/content-range';
import { escapeLike } from '../../common/http/escape-like';
import { isoDate } from '../../common/http/iso-date';
import type { ListQuery } from '../../common/http/list-query';
import { pgArray } from '../../database/pg-array';
import { sqlRunner } from '../../database/sql-runner';
import { SqlWhere } from '../../database/sql-where';
import { contactNameSql } from '../contacts/contact-list.repository';
import type { SegmentFilter } from '../segments/segments.schemas';
import {
  countAudienceClients,
  countAudienceContacts,
  segmentFilterOf,
} from './campaign-audience.repository';
import {
  countRecipients,
  listRecipients,
  type RecipientRow,
} from './campaign-recipients.repository';
import type {
  CampaignAudience,
  CampaignRecipientView,
  CampaignStats,
  CampaignView,
} from './campaign.view';
import { CampaignsErrors, campaignNotFound } from './campaigns.errors';
import {
  RECIPIENT_STATUS_SQL,
  countCampaigns,
  findCampaign,
  listCampaigns,
  type CampaignRow,
} from './campaigns.repository';
import type {
  CampaignFilter,
  CampaignSortField,
  RecipientFilter,
  RecipientSortField,
} from './campaigns.schemas';

/** Reads campaigns as the API shows them, with their counts computed from the recipients. */
@Injectable()
export class CampaignReader {
  constructor(private readonly em: EntityManager) {}

  async list(query: ListQuery<CampaignFilter, CampaignSortField>): Promise<Page<CampaignView>> {
    const { q, status, segmentId, id } = query.filter;
    const like = q ? `%${escapeLike(q)}%` : undefined;
    const where = new SqlWhere()
      .add(like, '(k.name ilike ? or k.subject ilike ?)', like, like)
      .add(status?.length, 'k.status = any(?::text[])', pgArray(status ?? []))
      .add(segmentId, 'k.segment_id = ?', segmentId)
      .add(id?.length, 'k.id = any(?::uuid[])', pgArray(id ?? []));
    const sql = sqlRunner(this.em);
    const [rows, total] = await Promise.all([
      listCampaigns(sql, where, query),
      countCampaigns(sql, where),
    ]);
    return { items: rows.map(toView), total };
  }

  async get(id: string): Promise<CampaignView> {
    const row = await findCampaign(sqlRunner(this.em), id);
    if (!row) throw campaignNotFound(id);
    return toView(row);
  }

  async recipients(
    campaignId: string,
    query: ListQuery<RecipientFilter, RecipientSortField>,
  ): Promise<Page<CampaignRecipientView>> {
    await this.get(campaignId);
    const { q, status, id } = query.filter;
    const like = q ? `%${escapeLike(q)}%` : undefined;
    const where = new SqlWhere()
      .add(true, 'r.campaign_id = ?', campaignId)
      .add(like, `(r.email ilike ? or ${contactNameSql('ct')} ilike ?)`, like, like)
      .add(status?.length, `(${RECIPIENT_STATUS_SQL}) = any(?::text[])`, pgArray(status ?? []))
      .add(id?.length, 'r.contact_id = any(?::uuid[])', pgArray(id ?? []));
    const sql = sqlRunner(this.em);
    const [rows, total] = await Promise.all([
      listRecipients(sql, where, query),
      countRecipients(sql, where),
    ]);
    return { items: rows.map(toRecipient), total };
  }

  /** The campaign's segment as it matches now. */
  async audience(campaignId: string): Promise<CampaignAudience> {
    const filter = await this.segmentFilter((await this.get(campaignId)).segmentId);
    const sql = sqlRunner(this.em);
    const [contacts, clients] = await Promise.all([
      countAudienceContacts(sql, filter),
      countAudienceClients(sql, filter),
    ]);
    return {
      clients: clients.total,
      clientsWithoutContact: clients.without,
      contacts: contacts.contacts,
      sendable: contacts.sendable,
      skipped: {
        noEmail: contacts.no_email,
        suppressed: contacts.suppressed,
        unsubscribed: contacts.unsubscribed,
      },
    };
  }

  /** A segment's filter, or a 400 when there is none (never chosen, or deleted since). */
  async segmentFilter(segmentId: string | null): Promise<SegmentFilter> {
    const filter = await segmentFilterOf(sqlRunner(this.em), segmentId);
    if (filter) return filter;
    throw CampaignsErrors.CAMPAIGN_UNKNOWN_SEGMENT(
      segmentId
        ? `segmentId: no segment with id ${segmentId}; choose another`
        : 'segmentId: the segment was deleted; choose another',
    );
  }
}

const toView = (r: CampaignRow): CampaignView => ({
  id: r.id,
  name: r.name,
  subject: r.subject,
  body: r.body,
  senderEmail: r.sender_email,
  segmentId: r.segment_id,
  segmentName: r.segment_name,
  status: r.status,
  scheduledAt: isoDate(r.scheduled_at),
  startedAt: isoDate(r.started_at),
  finishedAt: isoDate(r.finished_at),
  createdBy: r.creator_id ? { id: r.creator_id, name: r.creator_name ?? '' } : null,
  createdAt: isoDate(r.created_at),
  updatedAt: isoDate(r.updated_at),
  stats: Object.fromEntries(
    Object.entries(r.stats).map(([k, v]) => [k, Number(v)]),
  ) as CampaignStats,
});

const toRecipient = (r: RecipientRow): CampaignRecipientView => ({
  id: r.id,
  name: r.name,
  email: r.email,
  clientId: r.client_id,
  clientName: r.client_name,
  status: r.status,
  sentAt: isoDate(r.sent_at),
  deliveredAt: isoDate(r.delivered_at),
  unsubscribedAt: isoDate(r.unsubscribed_at),
});
