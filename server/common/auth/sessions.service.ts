import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/env.schema';
import { StaffUser } from '../../modules/staff/staff-user.entity';
import type { StaffPrincipal } from './principal';
import { Session } from './session.entity';
import { hashToken, newSessionToken } from './session-cookie';

export interface ClientMeta {
  ip?: string;
  userAgent?: string;
}

@Injectable()
export class SessionsService {
  constructor(
    private readonly em: EntityManager,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get ttlMs(): number {
    return this.config.SESSION_TTL_HOURS * 3600_000;
  }

  /** A fresh token for every sign-in, so a planted cookie is never promoted (no session fixation). */
  async create(user: StaffUser, meta: ClientMeta): Promise<string> {
    const token = newSessionToken();
    this.em.create(Session, {
      tokenHash: hashToken(token),
      staffUser: user,
      expiresAt: new Date(Date.now() + this.ttlMs),
      ip: meta.ip,
      userAgent: meta.userAgent?.slice(0, 500),
    });
    await this.em.flush();
    return token;
  }

  async principalFor(token: string): Promise<StaffPrincipal | undefined> {
    const tokenHash = hashToken(token);
    const session = await this.em.findOne(
      Session,
      { tokenHash, revokedAt: null, expiresAt: { $gt: new Date() }, staffUser: { active: true } },
      { populate: ['staffUser'] },
    );
    if (!session) return undefined;
    const user = session.staffUser;
    return {
      kind: 'staff',
      id: user.id,
      email: user.email,
      firstName: user.firstName,
      lastName: user.lastName,
      roles: user.roles,
      sessionTokenHash: tokenHash,
    };
  }

  async revoke(tokenHash: string): Promise<void> {
    await this.em.nativeUpdate(Session, { tokenHash, revokedAt: null }, { revokedAt: new Date() });
  }

  /** Ends every session of a user except, optionally, the one making the change. */
  async revokeAllOf(userId: string, exceptTokenHash?: string): Promise<void> {
    await this.em.nativeUpdate(
      Session,
      {
        staffUser: userId,
        revokedAt: null,
        ...(exceptTokenHash ? { tokenHash: { $ne: exceptTokenHash } } : {}),
      },
      { revokedAt: new Date() },
    );
  }
}
