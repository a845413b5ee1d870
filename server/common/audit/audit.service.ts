import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, Logger } from '@nestjs/common';
import type { Request } from 'express';
import { pgArray } from '../../database/pg-array';
import type { AuthenticatedRequest, Principal } from '../auth/principal';

export type AuditActor =
  | { kind: Principal['kind']; id: string; email: string }
  | { kind: 'anonymous'; email?: string | null }
  | { kind: 'system' };

export interface AuditEntry {
  action: string;
  summary: string;
  targetType?: string;
  targetId?: string | null;
  clientId?: string | null;
  /** Further clients the event touched; it shows in each one's activity. */
  clientIds?: string[];
  /** Contacts the event touched: it shows on their clients too (as does a contact target). */
  contactIds?: string[];
  detail?: Record<string, unknown>;
}

/** Where a request came from, for the trail. */
export interface AuditOrigin {
  actor: AuditActor;
  ip?: string | null;
  userAgent?: string | null;
}

/** The request's signed-in principal (or anonymous) and its address and browser. */
export function auditOrigin(req: Request, anonymousEmail?: string): AuditOrigin {
  const principal = (req as AuthenticatedRequest).principal;
  return {
    actor: principal ?? { kind: 'anonymous', email: anonymousEmail ?? null },
    ip: req.ip ?? null,
    userAgent: req.get('user-agent')?.slice(0, 500) ?? null,
  };
}

/**
 * Appends to the audit trail (the table refuses updates and deletes). A failure to record is
 * logged, never turned into a failure of what the user did: the action already happened.
 */
@Injectable()
export class AuditService {
  private readonly logger = new Logger(AuditService.name);

  constructor(private readonly em: EntityManager) {}

  async record(origin: AuditOrigin, entry: AuditEntry): Promise<void> {
    const { actor } = origin;
    const known = actor.kind === 'staff' || actor.kind === 'contact';
    try {
      const contactIds = [...(entry.contactIds ?? [])];
      if (entry.targetType === 'contact' && entry.targetId) contactIds.push(entry.targetId);
      await this.em.getConnection().execute(
        `insert into audit_event (actor_type, actor_id, actor_email, action, target_type,
           target_id, client_id, summary, detail, ip, user_agent, client_ids)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, array(
           select distinct x from unnest(?::uuid[]) x where x is not null
           union select client_id from client_contact where contact_id = any(?::uuid[])))`,
        [
          actor.kind,
          known ? actor.id : null,
          known ? actor.email : actor.kind === 'anonymous' ? (actor.email ?? null) : null,
          entry.action,
          entry.targetType ?? null,
          entry.targetId ?? null,
          entry.clientId ?? null,
          entry.summary,
          entry.detail ? JSON.stringify(entry.detail) : null,
          origin.ip ?? null,
          origin.userAgent ?? null,
          pgArray([...(entry.clientIds ?? []), ...(entry.clientId ? [entry.clientId] : [])]),
          pgArray(contactIds),
        ],
      );
    } catch (e) {
      this.logger.error({ err: e, entry }, 'could not record an audit event');
    }
  }
}
