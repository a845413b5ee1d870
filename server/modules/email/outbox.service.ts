import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { CommonErrors } from '../../common/errors/common.errors';
import type { Page } from '../../common/http/content-range';
import { isoDate } from '../../common/http/iso-date';
import type { ListQuery } from '../../common/http/list-query';
import { pgArray } from '../../database/pg-array';
import type { SampledListSpec } from '../../database/sampled-list';
import { SampledLists } from '../../database/sampled-lists.service';
import { isWordTermAlone, searchCondition } from '../../database/search-term';
import { whereListSpec } from '../../database/where-list-spec';
import { sqlRunner } from '../../database/sql-runner';
import { SqlWhere } from '../../database/sql-where';
import { findOutboxMessage, HIDDEN_KIND } from './email.repository';
import type { OutboxFilter } from './outbox.schemas';
import type { OutboxMessage } from './outbox.view';
import type { EmailKind, EmailLink } from './outgoing-email';

const SORT = {
  createdAt: 'm.created_at',
  toEmail: 'lower(m.to_email)',
  status: 'm.status',
} as const;

/**
 * The column email_message_search_trgm covers (recipient and subject, stored lower-cased); a
 * short term matches the start of a word there.
 */
const SEARCH = { anywhere: 'm.search_text', folded: true };

interface OutboxRow {
  id: string;
  kind: EmailKind;
  to_email: string;
  from_email: string;
  subject: string;
  status: OutboxMessage['status'];
  contact_id: string | null;
  invitation_id: string | null;
  links: EmailLink[];
  error: string | null;
  created_at: string;
  sent_at: string | null;
  delivered_at: string | null;
}

@Injectable()
export class OutboxService {
  constructor(
    private readonly em: EntityManager,
    private readonly lists: SampledLists,
  ) {}

  /** A page planned from a sample on a large Outbox (see sampledList). */
  async list(query: ListQuery<OutboxFilter, keyof typeof SORT>): Promise<Page<OutboxMessage>> {
    const page = await this.lists.page<OutboxRow>(outboxListSpec(query));
    return { items: page.rows.map(toMessage), total: page.total, estimated: page.estimated };
  }

  async get(id: string): Promise<OutboxMessage> {
    const row = await findOutboxMessage(sqlRunner(this.em), id);
    if (!row) throw CommonErrors.NOT_FOUND(`No email with id ${id}`);
    return withIsoDates(row);
  }
}

/** Statuses, kinds, contacts, ids and searches are found through an index. */
export function outboxListSpec(query: ListQuery<OutboxFilter, keyof typeof SORT>): SampledListSpec {
  const { q, status, kind, contactId, id } = query.filter;
  const search = searchCondition(q ?? '', SEARCH);
  const where = new SqlWhere()
    .add(q, search.sql, ...search.params)
    .add(status?.length, 'm.status = any(?::text[])', pgArray(status ?? []))
    .add(kind?.length, 'm.kind = any(?::text[])', pgArray(kind ?? []))
    .add(contactId, 'm.contact_id = ?', contactId)
    .add(id?.length, 'm.id = any(?::uuid[])', pgArray(id ?? []));
  return whereListSpec(
    { table: 'email_message', alias: 'm' },
    where,
    SORT[query.sort.field],
    query,
    {
      narrowed: Boolean(q || status?.length || kind?.length || contactId || id?.length),
      rangeable: isWordTermAlone(query.filter),
    },
  );
}

const toMessage = (m: OutboxRow): OutboxMessage =>
  withIsoDates({
    id: m.id,
    kind: m.kind,
    toEmail: m.to_email,
    fromEmail: m.from_email,
    subject: m.subject,
    status: m.status,
    contactId: m.contact_id,
    invitationId: m.invitation_id,
    links: m.kind === HIDDEN_KIND ? [] : m.links,
    error: m.error,
    createdAt: m.created_at,
    sentAt: m.sent_at,
    deliveredAt: m.delivered_at,
  });

const withIsoDates = (m: OutboxMessage): OutboxMessage => ({
  ...m,
  createdAt: isoDate(m.createdAt),
  sentAt: isoDate(m.sentAt),
  deliveredAt: isoDate(m.deliveredAt),
});
