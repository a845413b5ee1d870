import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/env.schema';
import { AuthErrorCode, AuthException } from './auth.exception';
import { LoginThrottle } from './login-throttle.entity';

/** Locks a login name after repeated failures, whether or not an account has that name. */
@Injectable()
export class LoginThrottleService {
  constructor(
    private readonly em: EntityManager,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async assertNotLocked(login: string): Promise<void> {
    const row = await this.em.findOne(LoginThrottle, { login });
    if (row?.lockedUntil && row.lockedUntil > new Date()) throw this.lockedError(row.lockedUntil);
  }

  /** Counts a failure atomically; the failure that reaches the limit starts the lockout. */
  async recordFailure(login: string): Promise<void> {
    const lockMs = this.config.LOGIN_LOCKOUT_MINUTES * 60_000;
    const [row] = await this.em.getConnection().execute<{ failures: number }[]>(
      `insert into login_throttle (login, failures, updated_at) values (?, 1, now())
       on conflict (login) do update set
         failures = case when login_throttle.locked_until < now() then 1 else login_throttle.failures + 1 end,
         locked_until = case when login_throttle.locked_until < now() then null else login_throttle.locked_until end,
         updated_at = now()
       returning failures`,
      [login],
    );
    if (row.failures >= this.config.LOGIN_MAX_FAILURES) {
      const lockedUntil = new Date(Date.now() + lockMs);
      await this.em.nativeUpdate(LoginThrottle, { login }, { lockedUntil, failures: 0 });
      throw this.lockedError(lockedUntil);
    }
  }

  async reset(login: string): Promise<void> {
    await this.em.nativeDelete(LoginThrottle, { login });
  }

  private lockedError(until: Date): AuthException {
    const minutes = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 60_000));
    return new AuthException(
      AuthErrorCode.LOCKED,
      `Too many failed sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
    );
  }
}
