import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/env.schema';
import { sqlRunner, sqlTransaction, type SqlRunner } from '../../database/sql-runner';
import { hashSecretToken, newSecretToken } from '../crypto/secret-token';
import { AuthErrors } from './auth.errors';
import {
  clearLoginFailures,
  countLoginFailure,
  findLoginLockedUntil,
  forgetExpiredKnownDevices,
  isKnownDevice,
  rememberKnownDevice,
  startLoginLockout,
} from './auth.repository';
import { DEVICE_COOKIE_MAX_AGE_MS } from './session-cookie';
import { forgetStaleFailures } from './throttle.repository';
import { DomainException } from '../errors/domain.exception';

/** A counted sign-in attempt: when the lockout it started ends, if it reached a limit. */
export interface SignInAttempt {
  lockoutStarted: Date | null;
}

/** Where a sign-in attempt comes from, as the throttle counts it. */
export interface SignInSource {
  login: string;
  /** `device:<token hash>` on a device the login signed in from before, else `ip:<address>`. */
  key: string;
  knownDevice: boolean;
  /** The device cookie sent, if well formed: kept when the sign-in succeeds. */
  deviceToken?: string;
}

const MINUTE = 60_000;
const ACCOUNT = '';
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/**
 * Failed sign-ins, kept whether or not an account has that login (a lockout answers the same
 * for known and unknown emails), in PostgreSQL so every API process counts them. Failures lock
 * one source (an address, or a known device) out of one login, for 1 minute, then 2, 4, ... up
 * to LOGIN_LOCKOUT_MINUTES: a stranger locks only themselves out. Failures from all unknown
 * devices together lock the login for unknown devices only, after LOGIN_ACCOUNT_MAX_FAILURES,
 * against guessing from many addresses; a device the login signed in from before still signs
 * in, and that lifts the lock.
 */
@Injectable()
export class LoginThrottleService {
  constructor(
    private readonly em: EntityManager,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async source(login: string, ip: string | undefined, cookie: unknown): Promise<SignInSource> {
    const deviceToken = typeof cookie === 'string' && TOKEN.test(cookie) ? cookie : undefined;
    const hash = deviceToken && hashSecretToken(deviceToken);
    const known = hash ? await isKnownDevice(sqlRunner(this.em), hash, login) : false;
    return known
      ? { login, key: `device:${hash}`, knownDevice: true, deviceToken }
      : { login, key: `ip:${ip ?? 'unknown'}`, knownDevice: false, deviceToken };
  }

  /**
   * Counts a sign-in attempt as failed before its password is checked, in the transaction that
   * checks the lockouts: however many attempts arrive at once, at however many API processes,
   * no more passwords are checked than the limits allow. Refused while a lockout is on. Returns
   * when the lockout this attempt starts ends, if it does: a wrong password is refused with it,
   * a right one lifts it (recordSuccess).
   */
  async countAttempt(source: SignInSource): Promise<SignInAttempt> {
    const lockMinutes = this.config.LOGIN_LOCKOUT_MINUTES;
    // A lockout found is thrown inside the transaction: a refused attempt counts for neither.
    const { own, account } = await sqlTransaction(this.em, async (sql) => ({
      own: await this.count(sql, source.login, source.key, this.config.LOGIN_MAX_FAILURES, (n) =>
        Math.min(lockMinutes, 2 ** n),
      ),
      account: source.knownDevice
        ? null
        : await this.count(
            sql,
            source.login,
            ACCOUNT,
            this.config.LOGIN_ACCOUNT_MAX_FAILURES,
            () => lockMinutes,
          ),
    }));
    // A new row is the moment to forget rows that no longer count: a day old, with no lock on.
    if (own.fresh || account?.fresh) {
      await forgetStaleFailures(sqlRunner(this.em), 'login_throttle');
    }
    return { lockoutStarted: own.lockoutStarted ?? account?.lockoutStarted ?? null };
  }

  /** A wrong password: refused as locked out when its attempt started a lockout. */
  refuseIfLockedOut(attempt: SignInAttempt): void {
    if (attempt.lockoutStarted) throw this.lockedError(attempt.lockoutStarted);
  }

  /**
   * Clears the source's failures and the login's (a success from a known device is what lifts
   * the lock on unknown ones), and remembers the device: the token its cookie is to hold.
   */
  async recordSuccess(source: SignInSource): Promise<string> {
    const sql = sqlRunner(this.em);
    await clearLoginFailures(sql, source.login, [source.key, ACCOUNT]);
    const token = source.deviceToken ?? newSecretToken();
    // A new device is the moment to forget those whose cookie has expired since.
    if (await rememberKnownDevice(sql, hashSecretToken(token), source.login)) {
      await forgetExpiredKnownDevices(sql, DEVICE_COOKIE_MAX_AGE_MS);
    }
    return token;
  }

  /**
   * One more failure of `source` on `login`, refused while a lockout is on; failures further
   * apart than the longest lockout start over, lockouts a day apart too. Says when the lockout
   * it starts ends, if it does, and whether the row is new. The row stays locked until the
   * caller's transaction ends, so attempts count in turn.
   */
  private async count(
    sql: SqlRunner,
    login: string,
    source: string,
    max: number,
    lockMinutes: (lockoutsBefore: number) => number,
  ): Promise<{ lockoutStarted: Date | null; fresh: boolean }> {
    const row = await countLoginFailure(sql, login, source, this.config.LOGIN_LOCKOUT_MINUTES);
    if (!row) throw this.lockedError(new Date(await findLoginLockedUntil(sql, login, source)));
    if (row.failures < max) return { lockoutStarted: null, fresh: row.fresh };
    const lockedUntil = new Date(Date.now() + lockMinutes(row.lockouts) * MINUTE);
    await startLoginLockout(sql, login, source, lockedUntil);
    return { lockoutStarted: lockedUntil, fresh: row.fresh };
  }

  private lockedError(until: Date): DomainException {
    const minutes = Math.max(1, Math.ceil((until.getTime() - Date.now()) / MINUTE));
    return AuthErrors.AUTH_LOCKED(
      `Too many failed sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
    );
  }
}
