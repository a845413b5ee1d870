import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { CommonErrorCode, CommonException } from '../../common/errors/common.exception';
import type { Page } from '../../common/http/content-range';
import { isoDate } from '../../common/http/iso-date';
import { escapeLike } from '../../common/http/escape-like';
import type { ListQuery } from '../../common/http/list-query';
import { pgArray } from '../../database/pg-array';
import { SqlWhere } from '../../database/sql-where';
import { type EMAIL_STATUSES, type OutboxFilter } from './outbox.schemas';
import type { EmailKind, EmailLink } from './outgoing-email';

export interface OutboxMessage {
  id: string;
  kind: EmailKind;
  toEmail: string;
  fromEmail: string;
  subject: string;
  status: (typeof EMAIL_STATUSES)[number];
  contactId: string | null;
  invitationId: string | null;
  links: EmailLink[];
  error: string | null;
  createdAt: string;
  sentAt: string | null;
  deliveredAt: string | null;
  text?: string | null;
  /** Like the text, kept only until the message leaves (it may carry a token). */
  html?: string | null;
}

// A password reset link opens its account: the Outbox never shows it, nor the body that holds it.
const SECRET_KIND = `kind = 'password_reset'`;
const COLUMNS = `id, kind, to_email as "toEmail", from_email as "fromEmail", subject, status,
  contact_id as "contactId", invitation_id as "invitationId",
  case when ${SECRET_KIND} then '[]'::jsonb else links end as links, error,
  created_at as "createdAt", sent_at as "sentAt", delivered_at as "deliveredAt"`;

const SORT = { createdAt: 'created_at', toEmail: 'lower(to_email)', status: 'status' } as const;

@Injectable()
export class OutboxService {
  constructor(private readonly em: EntityManager) {}

  async list(query: ListQuery<OutboxFilter, keyof typeof SORT>): Promise<Page<OutboxMessage>> {
    const { q, status, kind, contactId, id } = query.filter;
    const like = q ? `%${escapeLike(q)}%` : undefined;
    const filter = new SqlWhere()
      .add(q, '(to_email ilike ? or subject ilike ?)', like, like)
      .add(status?.length, 'status = any(?::text[])', pgArray(status ?? []))
      .add(kind?.length, 'kind = any(?::text[])', pgArray(kind ?? []))
      .add(contactId, 'contact_id = ?', contactId)
      .add(id?.length, 'id = any(?::uuid[])', pgArray(id ?? []));
    const [where, params] = [filter.sql, filter.params];
    const dir = query.sort.order === 'DESC' ? 'desc' : 'asc';
    const conn = this.em.getConnection();
    const [items, [{ total }]] = await Promise.all([
      conn.execute<OutboxMessage[]>(
        `select ${COLUMNS} from email_message ${where}
         order by ${SORT[query.sort.field]} ${dir}, id ${dir} offset ? limit ?`,
        [...params, query.range.start, query.range.end - query.range.start + 1],
      ),
      conn.execute<{ total: number }[]>(
        `select count(*)::int as total from email_message ${where}`,
        params,
      ),
    ]);
    return { items: items.map(withIsoDates), total };
  }

  async get(id: string): Promise<OutboxMessage> {
    const [row] = await this.em.getConnection().execute<OutboxMessage[]>(
      `select ${COLUMNS}, case when ${SECRET_KIND}
           then 'Hidden: this email holds a password reset link for its recipient alone.'
           else text_body end as text,
         case when ${SECRET_KIND} then null else html_body end as html
         from email_message where id = ?`,
      [id],
    );
    if (!row) throw new CommonException(CommonErrorCode.NOT_FOUND, `No email with id ${id}`);
    return withIsoDates(row);
  }
}

const withIsoDates = (m: OutboxMessage): OutboxMessage => ({
  ...m,
  createdAt: isoDate(m.createdAt),
  sentAt: isoDate(m.sentAt),
  deliveredAt: isoDate(m.deliveredAt),
});
