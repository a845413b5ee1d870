import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/env.schema';
import { Contact } from '../../modules/contacts/contact.entity';
import { StaffUser } from '../../modules/staff/staff-user.entity';
import type { Principal } from './principal';
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

  async principalFor(token: string): Promise<Principal | undefined> {
    const tokenHash = hashToken(token);
    const session = await this.em.findOne(
      Session,
      { tokenHash, revokedAt: null, expiresAt: { $gt: new Date() } },
      { populate: ['staffUser', 'contact'] },
    );
    const user = session?.staffUser;
    if (user?.active) {
      const { id, email, firstName, lastName, roles } = user;
      return { kind: 'staff', id, email, firstName, lastName, roles, sessionTokenHash: tokenHash };
    }
    // Only a contact who has accepted may hold a portal session (revoking access ends it).
    const contact = session?.contact;
    if (contact?.portalStatus === 'accepted') {
      const { id, email, firstName, lastName } = contact;
      return {
        kind: 'contact',
        id,
        email,
        firstName: firstName ?? null,
        lastName: lastName ?? null,
        sessionTokenHash: tokenHash,
      };
    }
    return undefined;
  }

  async revoke(tokenHash: string): Promise<void> {
    await this.em.nativeUpdate(Session, { tokenHash, revokedAt: null }, { revokedAt: new Date() });
  }

  /** Ends every session of a staff user or contact except, optionally, the one making the change. */
  async revokeAllOf(
    owner: Pick<Principal, 'kind' | 'id'>,
    exceptTokenHash?: string,
  ): Promise<void> {
    await this.em.nativeUpdate(
      Session,
      {
        ...(owner.kind === 'staff' ? { staffUser: owner.id } : { contact: owner.id }),
        revokedAt: null,
        ...(exceptTokenHash ? { tokenHash: { $ne: exceptTokenHash } } : {}),
      },
      { revokedAt: new Date() },
    );
  }
}
