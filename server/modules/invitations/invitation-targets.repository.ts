import { parseInput } from '../../common/validation/parse-input';
import { pgArray } from '../../database/pg-array';
import type { SqlRunner } from '../../database/sql-runner';
import { clientWhere, type SqlFragment } from '../clients/client-list.repository';
import { clientFilterSchema } from '../clients/clients.schemas';
import { contactWhere } from '../contacts/contact-list.repository';
import { contactFilterSchema } from '../contacts/contacts.schemas';
import type { InviteInput } from './invitations.schemas';

/** One row per target, with what decides whether it can be invited. */
export interface InvitationTarget {
  client_id: string | null;
  /** The client's own email, to tell "no email" from "no contact yet". */
  client_email: string | null;
  client_type: string | null;
  /** The client's name, else the contact's (or their email). */
  name: string;
  contact_id: string | null;
  email: string | null;
  portal_status: string | null;
  suppressed: boolean;
  pending_id: string | null;
}

const PRIMARY_CONTACT = `left join client_contact cc on cc.client_id = c.id and cc.is_primary`;

/** (client_id, contact_id) pairs the request names: contacts, clients' primary contacts, or a list filter. */
function targets(input: InviteInput): SqlFragment {
  if (input.contactIds) {
    return {
      sql: 'select null::uuid as client_id, ct.id as contact_id from contact ct where ct.id = any(?::uuid[])',
      params: [pgArray(input.contactIds)],
    };
  }
  if (input.clientIds) {
    return {
      sql: `select c.id as client_id, cc.contact_id from client c ${PRIMARY_CONTACT} where c.id = any(?::uuid[])`,
      params: [pgArray(input.clientIds)],
    };
  }
  if (input.resource === 'clients') {
    const where = clientWhere(parseInput(clientFilterSchema, input.filter, 'filter'));
    return {
      sql: `select c.id as client_id, cc.contact_id from client c ${PRIMARY_CONTACT} ${where.sql}`,
      params: where.params,
    };
  }
  const where = contactWhere(parseInput(contactFilterSchema, input.filter, 'filter'));
  return {
    sql: `select null::uuid as client_id, ct.id as contact_id from contact ct ${where.sql}`,
    params: where.params,
  };
}

/** Targets with their contact's state, ordered so each contact's rows are together. */
export function findInvitationTargets(
  sql: SqlRunner,
  input: InviteInput,
): Promise<InvitationTarget[]> {
  const t = targets(input);
  return sql<InvitationTarget[]>(
    `with t as (${t.sql})
      select t.client_id, c.email as client_email, c.type as client_type,
        coalesce(c.display_name, nullif(trim(concat_ws(' ', ct.first_name, ct.last_name)), ''), ct.email) as name,
        t.contact_id, ct.email, ct.portal_status,
        exists (select 1 from email_suppression s where s.email = lower(ct.email)) as suppressed,
        (select i.id from invitation i where i.contact_id = t.contact_id and i.status = 'pending') as pending_id
      from t left join contact ct on ct.id = t.contact_id left join client c on c.id = t.client_id
      order by coalesce(t.contact_id, t.client_id), t.client_id`,
    t.params,
  );
}
