import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '@server/config/config.module';
import type { AppConfig } from '@server/config/env.schema';
import { MfaErrors } from './mfa.errors';
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
    const [row] = await this.em
      .getConnection()
      .execute<{ locked_until: Date }[]>(
        'select locked_until from mfa_throttle where owner = ? and locked_until > now()',
        [owner],
      );
    if (row) throw this.lockedError(new Date(row.locked_until));
  }

  /** Counts a wrong code atomically; the one that reaches the limit starts the lockout. */
  async recordFailure(owner: string): Promise<void> {
    const conn = this.em.getConnection();
    const [row] = await conn.execute<{ failures: number; fresh: boolean }[]>(
      `insert into mfa_throttle as t (owner, failures, updated_at) values (?, 1, now())
       on conflict (owner) do update set
         failures = case when t.updated_at < now() - ? * interval '1 minute' then 1
                         else t.failures + 1 end,
         updated_at = now()
       returning failures, xmax = 0 as fresh`,
      [owner, this.config.MFA_LOCKOUT_MINUTES],
    );
    // A new row is the moment to forget rows that no longer count.
    if (row.fresh) {
      await conn.execute(
        `delete from mfa_throttle where updated_at < now() - interval '1 day'
         and (locked_until is null or locked_until < now())`,
      );
    }
    if (row.failures < this.config.MFA_MAX_FAILURES) return;
    const lockedUntil = new Date(Date.now() + this.config.MFA_LOCKOUT_MINUTES * MINUTE);
    await conn.execute('update mfa_throttle set failures = 0, locked_until = ? where owner = ?', [
      lockedUntil,
      owner,
    ]);
    throw this.lockedError(lockedUntil);
  }

  async clear(owner: string): Promise<void> {
    await this.em.getConnection().execute('delete from mfa_throttle where owner = ?', [owner]);
  }

  private lockedError(until: Date): DomainException {
    const minutes = Math.max(1, Math.ceil((until.getTime() - Date.now()) / MINUTE));
    return MfaErrors.MFA_LOCKED(
      `Too many wrong codes. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
    );
  }
}
