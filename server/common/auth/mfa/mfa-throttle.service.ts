import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '@server/config/config.module';
import type { AppConfig } from '@server/config/env.schema';
import { sqlRunner } from '@server/database/sql-runner';
import { MfaErrors } from './mfa.errors';
import {
  clearMfaFailures,
  countMfaFailure,
  findMfaLockedUntil,
  startMfaLockout,
} from './mfa.repository';
import { forgetStaleFailures } from '../throttle.repository';
import { DomainException } from '../../errors/domain.exception';

const MINUTE = 60_000;

/**
 * Wrong second-factor codes, counted per account in PostgreSQL so every API process counts
 * them: MFA_MAX_FAILURES in a row lock the account's second factor for MFA_LOCKOUT_MINUTES.
 * Whoever types codes already has the password, so the count is per account, not per address:
 * a million guesses from a thousand machines still get MFA_MAX_FAILURES tries a lockout.
 */
@Injectable()
export class MfaThrottleService {
  constructor(
    private readonly em: EntityManager,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async assertNotLocked(owner: string): Promise<void> {
    const lockedUntil = await findMfaLockedUntil(sqlRunner(this.em), owner);
    if (lockedUntil) throw this.lockedError(new Date(lockedUntil));
  }

  /** Counts a wrong code atomically; the one that reaches the limit starts the lockout. */
  async recordFailure(owner: string): Promise<void> {
    const sql = sqlRunner(this.em);
    const row = await countMfaFailure(sql, owner, this.config.MFA_LOCKOUT_MINUTES);
    // A new row is the moment to forget rows that no longer count.
    if (row.fresh) await forgetStaleFailures(sql, 'mfa_throttle');
    if (row.failures < this.config.MFA_MAX_FAILURES) return;
    const lockedUntil = new Date(Date.now() + this.config.MFA_LOCKOUT_MINUTES * MINUTE);
    await startMfaLockout(sql, owner, lockedUntil);
    throw this.lockedError(lockedUntil);
  }

  async clear(owner: string): Promise<void> {
    await clearMfaFailures(sqlRunner(this.em), owner);
  }

  private lockedError(until: Date): DomainException {
    const minutes = Math.max(1, Math.ceil((until.getTime() - Date.now()) / MINUTE));
    return MfaErrors.MFA_LOCKED(
      `Too many wrong codes. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
    );
  }
}
