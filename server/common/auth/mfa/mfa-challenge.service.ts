import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { sqlRunner } from '@server/database/sql-runner';
import { hashSecretToken, newSecretToken } from '../../crypto/secret-token';
import type { ClientMeta } from '../sessions.service';
import type { MfaAccount } from './mfa-account';
import {
  deleteExpiredMfaChallenges,
  deleteMfaChallenge,
  findLiveMfaChallenge,
  insertMfaChallenge,
} from './mfa.repository';

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
    const sql = sqlRunner(this.em);
    await deleteExpiredMfaChallenges(sql);
    const token = newSecretToken();
    await insertMfaChallenge(sql, account, {
      tokenHash: hashSecretToken(token),
      expiresAt: new Date(Date.now() + MFA_CHALLENGE_TTL_MS),
      ip: meta.ip ?? null,
      userAgent: meta.userAgent?.slice(0, 500) ?? null,
    });
    return token;
  }

  /** The live challenge of this cookie, if its account may still sign in. */
  async find(cookie: unknown): Promise<MfaChallenge | undefined> {
    if (typeof cookie !== 'string' || !TOKEN.test(cookie)) return undefined;
    const tokenHash = hashSecretToken(cookie);
    const row = await findLiveMfaChallenge(sqlRunner(this.em), tokenHash);
    if (!row) return undefined;
    const { ip, userAgent, ...account } = row;
    return { tokenHash, account, meta: { ip: ip ?? undefined, userAgent: userAgent ?? undefined } };
  }

  /** Spends the challenge; false if another request spent it first. */
  async consume(tokenHash: string): Promise<boolean> {
    return deleteMfaChallenge(sqlRunner(this.em), tokenHash);
  }
}
