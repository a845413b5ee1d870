import type { ListQuery } from '../../common/http/list-query';
import type { SqlFragment } from '../../database/sql-fragment';
import type { SqlRunner } from '../../database/sql-runner';
import { contactNameSql } from '../contacts/contact-list.repository';
import type { CampaignRecipientView } from './campaign.view';
import { RECIPIENT_STATUS_SQL } from './campaigns.repository';
import type { RecipientSortField } from './campaigns.schemas';

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

export interface RecipientRow {
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

/** The recipient an unsubscribe token belongs to, with their contact's email and state. */
export interface TokenRecipientRow {
  contact_id: string;
  campaign_id: string;
  campaign_name: string;
  email: string;
  unsubscribed_at: string | null;
}

/**
 * A page of recipients matching `where` (over campaign_recipient r, campaign k, contact ct,
 * client c and email_message m), in the query's order.
 */
export function listRecipients(
  sql: SqlRunner,
  where: SqlFragment,
  query: Pick<ListQuery<unknown, RecipientSortField>, 'sort' | 'range'>,
): Promise<RecipientRow[]> {
  const dir = query.sort.order === 'DESC' ? 'desc' : 'asc';
  return sql<RecipientRow[]>(
    `select r.contact_id as id, ${contactNameSql('ct')} as name, r.email, r.client_id,
       c.display_name as client_name, ${RECIPIENT_STATUS_SQL} as status, m.sent_at,
       m.delivered_at, r.unsubscribed_at
     ${RECIPIENT_FROM} ${where.sql}
     order by ${RECIPIENT_SORT[query.sort.field]} ${dir} nulls last, r.contact_id
     limit ? offset ?`,
    [...where.params, query.range.end - query.range.start + 1, query.range.start],
  );
}

export async function countRecipients(sql: SqlRunner, where: SqlFragment): Promise<number> {
  const [{ total }] = await sql<{ total: number }[]>(
    `select count(*)::int as total ${RECIPIENT_FROM} ${where.sql}`,
    where.params,
  );
  return total;
}

/** `for update of ct` locks the contact, so two unsubscribes of one contact take turns. */
export async function findRecipientByToken(
  sql: SqlRunner,
  tokenHash: string,
  lock: '' | 'for update of ct' = '',
): Promise<TokenRecipientRow | undefined> {
  const [row] = await sql<TokenRecipientRow[]>(
    `select r.contact_id, r.campaign_id, k.name as campaign_name, ct.email, ct.unsubscribed_at
     from campaign_recipient r
     join contact ct on ct.id = r.contact_id
     join campaign k on k.id = r.campaign_id
     where r.unsubscribe_token_hash = ? ${lock}`,
    [tokenHash],
  );
  return row;
}

/** The recipient's own mark; the first one stands. */
export async function markRecipientUnsubscribed(
  sql: SqlRunner,
  campaignId: string,
  contactId: string,
): Promise<void> {
  await sql(
    `update campaign_recipient set unsubscribed_at = coalesce(unsubscribed_at, now())
     where campaign_id = ? and contact_id = ?`,
    [campaignId, contactId],
  );
}

/** True when this is when the contact unsubscribed (they had not before). */
export async function unsubscribeContact(sql: SqlRunner, contactId: string): Promise<boolean> {
  const updated = await sql<{ id: string }[]>(
    `update contact set unsubscribed_at = now(), updated_at = now()
     where id = ? and unsubscribed_at is null returning id`,
    [contactId],
  );
  return updated.length > 0;
}
