import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, Logger } from '@nestjs/common';
import type { Request } from 'express';
import { sqlRunner } from '../../database/sql-runner';
import type { AuthenticatedRequest, Principal } from '../auth/principal';
import { insertAuditEvent } from './audit.repository';

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
      await insertAuditEvent(sqlRunner(this.em), {
        actorType: actor.kind,
        actorId: known ? actor.id : null,
        actorEmail: known ? actor.email : actor.kind === 'anonymous' ? (actor.email ?? null) : null,
        action: entry.action,
        targetType: entry.targetType ?? null,
        targetId: entry.targetId ?? null,
        clientId: entry.clientId ?? null,
        summary: entry.summary,
        detail: entry.detail ?? null,
        ip: origin.ip ?? null,
        userAgent: origin.userAgent ?? null,
        clientIds: [...(entry.clientIds ?? []), ...(entry.clientId ? [entry.clientId] : [])],
        contactIds,
      });
    } catch (e) {
      this.logger.error({ err: e, entry }, 'could not record an audit event');
    }
  }
}
