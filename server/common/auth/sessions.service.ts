import { EntityManager, type FilterQuery } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/env.schema';
import { Contact } from '../../modules/contacts/contact.entity';
import { StaffUser } from '../../modules/staff/staff-user.entity';
import { AuditService } from '../audit/audit.service';
import { sqlRunner } from '../../database/sql-runner';
import { CommonErrors } from '../errors/common.errors';
import { findLiveSession, revokeLiveSessionsOf, type LiveSessionRow } from './auth.repository';
import type { Principal } from './principal';
import { Session } from './session.entity';
import { hashToken, newSessionToken } from './session-cookie';
import { describeSessions, toSessionView, type SessionView } from './session.view';

export interface ClientMeta {
  ip?: string;
  userAgent?: string;
}

export type SessionOwner = Pick<Principal, 'kind' | 'id'>;

/** A session's last-seen time is written at most this often: reads stay reads. */
export const LAST_SEEN_EVERY_MS = 60_000;

const ownerWhere = (owner: SessionOwner): FilterQuery<Session> =>
  owner.kind === 'staff' ? { staffUser: owner.id } : { contact: owner.id };

@Injectable()
export class SessionsService {
  constructor(
    private readonly em: EntityManager,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get ttlMs(): number {
    return this.config.SESSION_TTL_HOURS * 3600_000;
  }

  /** A fresh token for every sign-in, so a planted cookie is never promoted (no session fixation). */
  async create(owner: StaffUser | Contact, meta: ClientMeta): Promise<string> {
    const token = newSessionToken();
    this.em.create(Session, {
      tokenHash: hashToken(token),
      ...(owner instanceof StaffUser ? { staffUser: owner } : { contact: owner }),
      expiresAt: new Date(Date.now() + this.ttlMs),
      ip: meta.ip,
      userAgent: meta.userAgent?.slice(0, 500),
    });
    await this.em.flush();
    return token;
  }

  /** Who holds this token, if its session is live: read on every request, so an end is at once. */
  async principalFor(token: string): Promise<Principal | undefined> {
    const sessionTokenHash = hashToken(token);
    const session = await findLiveSession(sqlRunner(this.em), sessionTokenHash, new Date());
    if (!session || !(await this.stillInUse(session))) return undefined;
    const { staff, contact } = session;
    if (staff?.active) {
      const { id, email, firstName, lastName, roles } = staff;
      return { kind: 'staff', id, email, firstName, lastName, roles, sessionTokenHash };
    }
    // Only a contact who has accepted may hold a portal session (revoking access ends it).
    if (contact?.portalStatus === 'accepted') {
      const { id, email, firstName, lastName } = contact;
      return { kind: 'contact', id, email, firstName, lastName, sessionTokenHash };
    }
    return undefined;
  }

  /** The owner's live sessions, most recently used first. */
  async list(owner: SessionOwner, currentTokenHash?: string): Promise<SessionView[]> {
    const sessions = await this.em.find(
      Session,
      { ...ownerWhere(owner), ...this.live() },
      { orderBy: { lastSeenAt: 'desc', createdAt: 'desc' } },
    );
    return sessions.map((s) => toSessionView(s, currentTokenHash));
  }

  /** Ends one live session of the owner's; another account's id is as unknown as a made-up one. */
  async revokeOne(
    owner: SessionOwner,
    id: string,
    currentTokenHash?: string,
  ): Promise<SessionView> {
    const session = await this.em.findOne(Session, {
      publicId: id,
      ...ownerWhere(owner),
      ...this.live(),
    });
    if (!session) {
      throw CommonErrors.NOT_FOUND(`No session of yours with id ${id}.`);
    }
    await this.revoke(session.tokenHash);
    return toSessionView(session, currentTokenHash);
  }

  async revoke(tokenHash: string): Promise<void> {
    await this.em.nativeUpdate(Session, { tokenHash, revokedAt: null }, { revokedAt: new Date() });
  }

  /**
   * Ends every live session of a staff user or contact except, optionally, the one making the
   * change; answers the sessions it ended.
   */
  async revokeAllOf(owner: SessionOwner, exceptTokenHash?: string): Promise<SessionView[]> {
    const now = new Date();
    const rows = await revokeLiveSessionsOf(
      sqlRunner(this.em),
      owner,
      now,
      this.idleSince(now),
      exceptTokenHash ?? '',
    );
    return rows.map((row) => toSessionView(row));
  }

  /** Not ended, within its lifetime, and used within the idle timeout. */
  private live(now = new Date()): FilterQuery<Session> {
    return { revokedAt: null, expiresAt: { $gt: now }, lastSeenAt: { $gt: this.idleSince(now) } };
  }

  private idleSince(now: Date): Date {
    return new Date(now.getTime() - this.config.SESSION_IDLE_MINUTES * 60_000);
  }

  /**
   * Ends the session if it has been idle too long (audited, once: the UPDATE that ends it is
   * conditional), else records its use for the idle timeout at most once a minute: one UPDATE
   * whose WHERE on the old value lets a single one of concurrent requests write it.
   */
  private async stillInUse(session: LiveSessionRow): Promise<boolean> {
    const now = new Date();
    const lastSeenAt = new Date(session.lastSeenAt);
    if (lastSeenAt <= this.idleSince(now)) {
      const ended = await this.em.nativeUpdate(
        Session,
        { tokenHash: session.tokenHash, revokedAt: null },
        { revokedAt: now },
      );
      const owner = session.staff ?? session.contact;
      if (ended && owner) {
        const view = toSessionView(session);
        await this.audit.record(
          { actor: { kind: 'system' } },
          {
            action: 'auth.session_idle_ended',
            summary: `${owner.email}'s session on ${describeSessions([view])} ended after ${this.config.SESSION_IDLE_MINUTES} minutes without use`,
            targetType: session.staff ? 'staff' : 'contact',
            targetId: owner.id,
            detail: { sessions: [view] },
          },
        );
      }
      return false;
    }
    if (now.getTime() - lastSeenAt.getTime() >= LAST_SEEN_EVERY_MS) {
      await this.em.nativeUpdate(
        Session,
        {
          tokenHash: session.tokenHash,
          lastSeenAt: { $lt: new Date(now.getTime() - LAST_SEEN_EVERY_MS) },
        },
        { lastSeenAt: now },
      );
    }
    return true;
  }
}
