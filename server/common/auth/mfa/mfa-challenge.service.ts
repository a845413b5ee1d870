import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { hashSecretToken, newSecretToken } from '../../crypto/secret-token';
import type { ClientMeta } from '../sessions.service';
import { ownerColumn, type MfaAccount } from './mfa-account';

/** The cookie of a sign-in whose password was right and whose second factor is still due. */
export const MFA_COOKIE = 'ch_mfa';
export const MFA_CHALLENGE_TTL_MS = 10 * 60_000;
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export interface MfaChallenge {
  tokenHash: string;
  account: MfaAccount;
  meta: ClientMeta;
}

/**
 * Half a sign-in: the password was right, the code (or the enrolment) is still due. It opens
 * nothing but the second-factor routes, lives ten minutes, and is spent by the full sign-in.
 */
@Injectable()
export class MfaChallengeService {
  constructor(private readonly em: EntityManager) {}

  async create(account: Pick<MfaAccount, 'kind' | 'id'>, meta: ClientMeta): Promise<string> {
    const conn = this.em.getConnection();
    await conn.execute('delete from mfa_challenge where expires_at < now()');
    const token = newSecretToken();
    await conn.execute(
      `insert into mfa_challenge (token_hash, ${ownerColumn(account.kind)}, expires_at, ip, user_agent)
       values (?, ?, ?, ?, ?)`,
      [
        hashSecretToken(token),
        account.id,
        new Date(Date.now() + MFA_CHALLENGE_TTL_MS),
        meta.ip ?? null,
        meta.userAgent?.slice(0, 500) ?? null,
      ],
    );
    return token;
  }

  /** The live challenge of this cookie, if its account may still sign in. */
  async find(cookie: unknown): Promise<MfaChallenge | undefined> {
    if (typeof cookie !== 'string' || !TOKEN.test(cookie)) return undefined;
    const tokenHash = hashSecretToken(cookie);
    const [row] = await this.em
      .getConnection()
      .execute<(MfaAccount & { ip: string | null; userAgent: string | null })[]>(
        `select case when s.id is null then 'contact' else 'staff' end as kind,
         coalesce(s.id, c.id) as id, coalesce(s.email, c.email) as email,
         coalesce(s.first_name, c.first_name) as "firstName", m.ip, m.user_agent as "userAgent"
       from mfa_challenge m
       left join staff_user s on s.id = m.staff_user_id and s.active
       left join contact c on c.id = m.contact_id and c.portal_status = 'accepted'
       where m.token_hash = ? and m.expires_at > now() and (s.id is not null or c.id is not null)`,
        [tokenHash],
      );
    if (!row) return undefined;
    const { ip, userAgent, ...account } = row;
    return { tokenHash, account, meta: { ip: ip ?? undefined, userAgent: userAgent ?? undefined } };
  }

  /** Spends the challenge; false if another request spent it first. */
  async consume(tokenHash: string): Promise<boolean> {
    const rows = await this.em
      .getConnection()
      .execute('delete from mfa_challenge where token_hash = ? returning 1', [tokenHash]);
    return rows.length > 0;
  }
}
