import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { Page } from '../../common/http/content-range';
import { escapeLike } from '../../common/http/escape-like';
import { isoDate } from '../../common/http/iso-date';
import type { ListQuery } from '../../common/http/list-query';
import { pgArray } from '../../database/pg-array';
import { sqlRunner } from '../../database/sql-runner';
import { SqlWhere } from '../../database/sql-where';
import { clientWhere } from '../clients/client-list.repository';
import { contactNameSql } from '../contacts/contact-list.repository';
import type { SegmentFilter } from '../segments/segments.schemas';
import { campaignAudience, segmentFilterOf } from './campaign-audience.sql';
import { CAMPAIGN_STATS_SQL, RECIPIENT_STATUS_SQL } from './campaign-status.sql';
import type {
  CampaignAudience,
  CampaignRecipientView,
  CampaignStats,
  CampaignStatus,
  CampaignView,
} from './campaign.view';
import { CampaignsErrors, campaignNotFound } from './campaigns.errors';
import type {
  CampaignFilter,
  CampaignSortField,
  RecipientFilter,
  RecipientSortField,
} from './campaigns.schemas';

const CAMPAIGN_SQL = `select k.id, k.name, k.subject, k.body, k.sender_email, k.segment_id,
    s.name as segment_name, k.status, k.scheduled_at, k.started_at, k.finished_at,
    st.id as creator_id, trim(st.first_name || ' ' || st.last_name) as creator_name,
    k.created_at, k.updated_at, ${CAMPAIGN_STATS_SQL} as stats
  from campaign k
  left join segment s on s.id = k.segment_id
  left join staff_user st on st.id = k.created_by_staff_id`;

const SORT: Record<CampaignSortField, string> = {
  createdAt: 'k.created_at',
  updatedAt: 'k.updated_at',
  name: 'lower(k.name)',
  status: 'k.status',
  scheduledAt: 'k.scheduled_at',
  startedAt: 'k.started_at',
};

const RECIPIENT_FROM = `from campaign_recipient r
  join campaign k on k.id = r.campaign_id
  join contact ct on ct.id = r.contact_id
  left join client c on c.id = r.client_id
  left join email_message m on m.id = r.email_message_id`;

const RECIPIENT_SORT: Record<RecipientSortField, string> = {
  email: 'lower(r.email)',
  name: `lower(${contactNameSql('ct')})`,
  clientName: 'lower(c.display_name)',
  status: RECIPIENT_STATUS_SQL,
  sentAt: 'm.sent_at',
};

interface CampaignRow {
  id: string;
  name: string;
  subject: string;
  body: string;
  sender_email: string;
  segment_id: string | null;
  segment_name: string | null;
  status: CampaignStatus;
  scheduled_at: string | null;
  started_at: string | null;
  finished_at: string | null;
  creator_id: string | null;
  creator_name: string | null;
  created_at: string;
  updated_at: string;
  stats: Record<keyof CampaignStats, number | string>;
}

interface RecipientRow {
  id: string;
  name: string;
  email: string | null;
  client_id: string | null;
  client_name: string | null;
  status: CampaignRecipientView['status'];
  sent_at: string | null;
  delivered_at: string | null;
  unsubscribed_at: string | null;
}

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
    const dir = query.sort.order === 'DESC' ? 'desc' : 'asc';
    const conn = this.em.getConnection();
    const [rows, [{ total }]] = await Promise.all([
      conn.execute<CampaignRow[]>(
        `${CAMPAIGN_SQL} ${where.sql}
         order by ${SORT[query.sort.field]} ${dir} nulls last, k.id limit ? offset ?`,
        [...where.params, query.range.end - query.range.start + 1, query.range.start],
      ),
      conn.execute<{ total: number }[]>(
        `select count(*)::int as total from campaign k ${where.sql}`,
        where.params,
      ),
    ]);
    return { items: rows.map(toView), total };
  }

  async get(id: string): Promise<CampaignView> {
    const [row] = await this.em
      .getConnection()
      .execute<CampaignRow[]>(`${CAMPAIGN_SQL} where k.id = ?`, [id]);
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
    const dir = query.sort.order === 'DESC' ? 'desc' : 'asc';
    const conn = this.em.getConnection();
    const [rows, [{ total }]] = await Promise.all([
      conn.execute<RecipientRow[]>(
        `select r.contact_id as id, ${contactNameSql('ct')} as name, r.email, r.client_id,
           c.display_name as client_name, ${RECIPIENT_STATUS_SQL} as status, m.sent_at,
           m.delivered_at, r.unsubscribed_at
         ${RECIPIENT_FROM} ${where.sql}
         order by ${RECIPIENT_SORT[query.sort.field]} ${dir} nulls last, r.contact_id
         limit ? offset ?`,
        [...where.params, query.range.end - query.range.start + 1, query.range.start],
      ),
      conn.execute<{ total: number }[]>(
        `select count(*)::int as total ${RECIPIENT_FROM} ${where.sql}`,
        where.params,
      ),
    ]);
    return { items: rows.map(toRecipient), total };
  }

  /** The campaign's segment as it matches now. */
  async audience(campaignId: string): Promise<CampaignAudience> {
    const filter = await this.segmentFilter((await this.get(campaignId)).segmentId);
    const audience = campaignAudience(filter);
    const where = clientWhere(filter);
    const conn = this.em.getConnection();
    const [[contacts], [clients]] = await Promise.all([
      conn.execute<Record<string, number>[]>(
        `select count(*)::int as contacts,
           count(*) filter (where skip_reason is null)::int as sendable,
           count(*) filter (where skip_reason = 'no_email')::int as no_email,
           count(*) filter (where skip_reason = 'suppressed')::int as suppressed,
           count(*) filter (where skip_reason = 'unsubscribed')::int as unsubscribed
         from (${audience.sql}) a`,
        audience.params,
      ),
      conn.execute<{ total: number; without: number }[]>(
        `select count(*)::int as total, count(*) filter (where not exists
           (select 1 from client_contact cc where cc.client_id = c.id))::int as without
         from client c ${where.sql}`,
        where.params,
      ),
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
