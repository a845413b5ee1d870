import { parseInput } from '../../common/validation/parse-input';
import type { SqlFragment } from '../../database/sql-fragment';
import type { SqlRunner } from '../../database/sql-runner';
import { clientWhere } from '../clients/client-list.repository';
import { segmentFilterSchema, type SegmentFilter } from '../segments/segments.schemas';
import type { MergeSource } from './delivery/campaign-message';

/** Why a contact gets no email, in the order staff read it; null: they get one. */
const SKIP_REASON = `case
  when nullif(trim(ct.email), '') is null then 'no_email'
  when ct.unsubscribed_at is not null then 'unsubscribed'
  when exists (select 1 from email_suppression s where s.email = lower(ct.email)) then 'suppressed'
  end`;

/**
 * Who a segment reaches now: one row per contact of the matching clients (contact_id,
 * client_id, email, skip_reason). A contact of several of them is named with the client they
 * are the primary contact of, else the first by name.
 */
export function campaignAudience(filter: SegmentFilter): SqlFragment {
  const where = clientWhere(filter);
  return {
    sql: `select distinct on (ct.id) ct.id as contact_id, c.id as client_id,
        nullif(trim(ct.email), '') as email, ${SKIP_REASON} as skip_reason
      from client c
      join client_contact cc on cc.client_id = c.id
      join contact ct on ct.id = cc.contact_id
      ${where.sql}
      order by ct.id, cc.is_primary desc, lower(c.display_name), c.id`,
    params: where.params,
  };
}

/** A segment's filter as saved (defaults filled in), or null when there is no such segment. */
export async function segmentFilterOf(
  sql: SqlRunner,
  segmentId: string | null,
): Promise<SegmentFilter | null> {
  if (!segmentId) return null;
  const [row] = await sql<{ filter: unknown }[]>('select filter from segment where id = ?', [
    segmentId,
  ]);
  return row ? parseInput(segmentFilterSchema, row.filter, 'segment.filter') : null;
}

export interface AudienceContactCounts {
  contacts: number;
  sendable: number;
  no_email: number;
  suppressed: number;
  unsubscribed: number;
}

/** The audience's contacts, those who get an email and why the others do not. */
export async function countAudienceContacts(
  sql: SqlRunner,
  filter: SegmentFilter,
): Promise<AudienceContactCounts> {
  const audience = campaignAudience(filter);
  const [contacts] = await sql<AudienceContactCounts[]>(
    `select count(*)::int as contacts,
       count(*) filter (where skip_reason is null)::int as sendable,
       count(*) filter (where skip_reason = 'no_email')::int as no_email,
       count(*) filter (where skip_reason = 'suppressed')::int as suppressed,
       count(*) filter (where skip_reason = 'unsubscribed')::int as unsubscribed
     from (${audience.sql}) a`,
    audience.params,
  );
  return contacts;
}

/** The segment's clients, and how many of them have no contact at all. */
export async function countAudienceClients(
  sql: SqlRunner,
  filter: SegmentFilter,
): Promise<{ total: number; without: number }> {
  const where = clientWhere(filter);
  const [clients] = await sql<{ total: number; without: number }[]>(
    `select count(*)::int as total, count(*) filter (where not exists
       (select 1 from client_contact cc where cc.client_id = c.id))::int as without
     from client c ${where.sql}`,
    where.params,
  );
  return clients;
}

/** The audience's first contact who gets an email, by address, with their merge fields. */
export async function findFirstSendableContact(
  sql: SqlRunner,
  filter: SegmentFilter,
): Promise<MergeSource | undefined> {
  const audience = campaignAudience(filter);
  const [first] = await sql<MergeSource[]>(
    `select a.email, ct.first_name, ct.last_name, c.display_name as client_name
     from (${audience.sql}) a
     join contact ct on ct.id = a.contact_id
     join client c on c.id = a.client_id
     where a.skip_reason is null order by lower(a.email) limit 1`,
    audience.params,
  );
  return first;
}
