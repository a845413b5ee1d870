import { pgArray } from '@server/database/pg-array';
import type { SqlRunner } from '@server/database/sql-runner';

/** One row of the audit trail, as recorded. */
export interface AuditEventInsert {
  actorType: string;
  actorId: string | null;
  actorEmail: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  clientId: string | null;
  summary: string;
  detail: Record<string, unknown> | null;
  ip: string | null;
  userAgent: string | null;
  /** The clients the event shows in, besides those of `contactIds`. */
  clientIds: string[];
  contactIds: string[];
}

/** Appends an event; it shows in the activity of its clients and of its contacts' clients. */
export async function insertAuditEvent(sql: SqlRunner, e: AuditEventInsert): Promise<void> {
  await sql(
    `insert into audit_event (actor_type, actor_id, actor_email, action, target_type,
           target_id, client_id, summary, detail, ip, user_agent, client_ids)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, array(
           select distinct x from unnest(?::uuid[]) x where x is not null
           union select client_id from client_contact where contact_id = any(?::uuid[])))`,
    [
      e.actorType,
      e.actorId,
      e.actorEmail,
      e.action,
      e.targetType,
      e.targetId,
      e.clientId,
      e.summary,
      e.detail ? JSON.stringify(e.detail) : null,
      e.ip,
      e.userAgent,
      pgArray(e.clientIds),
      pgArray(e.contactIds),
    ],
  );
}
