import { parseInput } from '../../common/validation/parse-input';
import type { SqlRunner } from '../../database/sql-runner';
import { clientWhere, type SqlFragment } from '../clients/client-list.repository';
import { segmentFilterSchema, type SegmentFilter } from '../segments/segments.schemas';

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
