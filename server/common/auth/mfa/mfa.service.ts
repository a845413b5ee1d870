import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { sqlRunner, sqlTransaction, type SqlRunner } from '@server/database/sql-runner';
import { SettingsService } from '@server/modules/settings/settings.service';
import type { MfaPolicy } from '@server/modules/settings/settings.schemas';
import { AccessService } from '../../access/access.service';
import { AuditService, type AuditOrigin } from '../../audit/audit.service';
import type { Principal } from '../principal';
import { isoDate } from '../../http/iso-date';
import { DUMMY_HASH_PROMISE, verifyPassword } from '../password-hasher';
import { SessionsService } from '../sessions.service';
import { throttleKey, type MfaAccount } from './mfa-account';
import {
  claimMfaTimeStep,
  confirmMfaFactor,
  countUnusedRecoveryCodes,
  deleteMfaFactor,
  deleteMfaFactorOf,
  findMfaAccount,
  findMfaFactor,
  findPasswordHash,
  replaceRecoveryCodeHashes,
  spendRecoveryCode,
  upsertUnconfirmedMfaFactor,
  type FactorRow,
} from './mfa.repository';
import { MfaErrors } from './mfa.errors';
import type { EnrolmentStart, MfaStatus } from './mfa.view';
import type { RemoveFactorInput } from './mfa.schemas';
import { MfaThrottleService } from './mfa-throttle.service';
import { newRecoveryCodes, recoveryCodeHash } from './recovery-codes';
import { RecoveryNoticeService } from './recovery-notice.service';
import { matchingTimeStep, newTotpSecret, qrCodeDataUrl, totpUri } from './totp';

/** What the password step leads to: the code, an enrolment first, or nothing more. */
export type SecondStep = 'code' | 'enrol' | null;

/**
 * TOTP second factor (RFC 6238) of staff and contacts: enrolment, the code at sign-in, single-use
 * recovery codes. Every code check goes through the per-account throttle, and a code whose time
 * step was already accepted is refused, so a code seen over a shoulder cannot be used again.
 */
@Injectable()
export class MfaService {
  constructor(
    private readonly em: EntityManager,
    private readonly settings: SettingsService,
    private readonly sessions: SessionsService,
    private readonly throttle: MfaThrottleService,
    private readonly audit: AuditService,
    private readonly notice: RecoveryNoticeService,
    private readonly access: AccessService,
  ) {}

  async secondStep(account: Pick<MfaAccount, 'kind' | 'id'>): Promise<SecondStep> {
    if ((await this.factor(account))?.confirmed_at) return 'code';
    return (await this.policy(account)) === 'required' ? 'enrol' : null;
  }

  async status(account: MfaAccount): Promise<MfaStatus> {
    const factor = await this.factor(account);
    const confirmed = factor?.confirmed_at ? factor : undefined;
    const left = confirmed ? await countUnusedRecoveryCodes(sqlRunner(this.em), confirmed.id) : 0;
    return {
      enrolled: Boolean(confirmed),
      required: (await this.policy(account)) === 'required',
      enrolledAt: isoDate(confirmed?.confirmed_at ?? null),
      recoveryCodesLeft: left,
    };
  }

  /** A new secret to scan; it counts once a code from it is confirmed. */
  async startEnrolment(account: MfaAccount): Promise<EnrolmentStart> {
    if ((await this.factor(account))?.confirmed_at) throw alreadyEnrolled();
    const secret = newTotpSecret();
    await upsertUnconfirmedMfaFactor(sqlRunner(this.em), account, secret);
    const { firmName } = await this.settings.get();
    const otpauthUrl = totpUri(firmName, account.email, secret);
    return { secret, otpauthUrl, qrCode: await qrCodeDataUrl(otpauthUrl) };
  }

  /**
   * The first code from the new secret turns it on; returns the recovery codes (shown once).
   * Every other session of the account ends, except `keepSession` (the one enrolling).
   */
  async confirmEnrolment(
    account: MfaAccount,
    code: string,
    origin: AuditOrigin,
    keepSession?: string,
  ): Promise<string[]> {
    const factor = await this.factor(account);
    if (!factor) {
      throw MfaErrors.MFA_NO_ENROLMENT_STARTED(
        'Start the enrolment first: scan the QR code, then type the code it shows.',
      );
    }
    if (factor.confirmed_at) throw alreadyEnrolled();
    await this.checkCode(account, factor, code, origin, 'enrolment');
    const codes = await sqlTransaction(this.em, async (sql) => {
      if (!(await confirmMfaFactor(sql, factor.id))) throw alreadyEnrolled();
      return this.replaceRecoveryCodes(sql, factor.id);
    });
    await this.sessions.revokeAllOf(account, keepSession);
    await this.audit.record(origin, {
      action: 'auth.mfa_enrolled',
      summary: `${account.email} turned on two-step sign-in; their other sessions were ended`,
      targetType: account.kind,
      targetId: account.id,
    });
    return codes;
  }

  /** The code at sign-in. */
  async verifyCode(account: MfaAccount, code: string, origin: AuditOrigin): Promise<void> {
    await this.checkCode(account, await this.confirmedFactor(account), code, origin, 'sign-in');
  }

  /** A recovery code at sign-in, instead of the app's code: spent, audited and emailed about. */
  async useRecoveryCode(account: MfaAccount, code: string, origin: AuditOrigin): Promise<void> {
    const key = throttleKey(account);
    await this.throttle.assertNotLocked(key);
    const factor = await this.confirmedFactor(account);
    const sql = sqlRunner(this.em);
    if (!(await spendRecoveryCode(sql, factor.id, recoveryCodeHash(code)))) {
      await this.fail(account, origin, 'recovery code', 'recoveryCode');
    }
    await this.throttle.clear(key);
    const left = await countUnusedRecoveryCodes(sql, factor.id);
    await this.audit.record(origin, {
      action: 'auth.mfa_recovery_code_used',
      summary: `${account.email} signed in with a recovery code (${left} left); they were emailed about it`,
      targetType: account.kind,
      targetId: account.id,
      detail: { recoveryCodesLeft: left },
    });
    await this.notice.send(account, left, origin.ip ?? null);
  }

  /** Turns the second factor off, after a current code or the password. */
  async remove(account: MfaAccount, input: RemoveFactorInput, origin: AuditOrigin): Promise<void> {
    const factor = await this.confirmedFactor(account);
    if (input.code !== undefined) {
      await this.checkCode(account, factor, input.code, origin, 'removal');
    } else {
      await this.checkPassword(account, input.password ?? '', origin);
    }
    await deleteMfaFactor(sqlRunner(this.em), factor.id);
    await this.audit.record(origin, {
      action: 'auth.mfa_removed',
      summary: `${account.email} turned off two-step sign-in`,
      targetType: account.kind,
      targetId: account.id,
    });
  }

  /** New recovery codes (the old ones stop working), after a current code. */
  async regenerateRecoveryCodes(
    account: MfaAccount,
    code: string,
    origin: AuditOrigin,
  ): Promise<string[]> {
    const factor = await this.confirmedFactor(account);
    await this.checkCode(account, factor, code, origin, 'new recovery codes');
    const codes = await sqlTransaction(this.em, (sql) => this.replaceRecoveryCodes(sql, factor.id));
    await this.audit.record(origin, {
      action: 'auth.mfa_recovery_codes_regenerated',
      summary: `${account.email} made new recovery codes; the old ones no longer work`,
      targetType: account.kind,
      targetId: account.id,
    });
    return codes;
  }

  /**
   * A Staff Admin takes away a staff member's or a contact's factor (a lost phone): every
   * session of theirs ends, and their next sign-in enrols a new one if the firm requires it.
   */
  async reset(
    kind: MfaAccount['kind'],
    id: string,
    by: Principal,
    origin: AuditOrigin,
  ): Promise<{ removed: boolean }> {
    const sql = sqlRunner(this.em);
    const row = await findMfaAccount(sql, kind, id);
    if (!row) throw MfaErrors.MFA_ACCOUNT_NOT_FOUND(`No ${kind} with id ${id}.`);
    // As with every change to a staff account: not one holding a role the admin lacks.
    this.access.assertMayManageFirmRoles(by, row.roles);
    const { roles: _roles, ...account } = row;
    const removed = await deleteMfaFactorOf(sql, account);
    await this.sessions.revokeAllOf(account);
    await this.throttle.clear(throttleKey(account));
    await this.audit.record(origin, {
      action: 'auth.mfa_reset',
      summary: `Reset the two-step sign-in of ${account.email}; their sessions were ended`,
      targetType: account.kind,
      targetId: account.id,
    });
    return { removed };
  }

  private async policy(account: Pick<MfaAccount, 'kind'>): Promise<MfaPolicy> {
    const settings = await this.settings.get();
    return account.kind === 'staff' ? settings.staffMfa : settings.contactMfa;
  }

  private async factor(account: Pick<MfaAccount, 'kind' | 'id'>): Promise<FactorRow | undefined> {
    return findMfaFactor(sqlRunner(this.em), account);
  }

  private async confirmedFactor(account: MfaAccount): Promise<FactorRow> {
    const factor = await this.factor(account);
    if (!factor?.confirmed_at) {
      throw MfaErrors.MFA_NOT_ENROLLED('Two-step sign-in is not turned on.');
    }
    return factor;
  }

  /**
   * Accepts `code` if it is right and its time step is later than any accepted before (claimed
   * in one statement, so two requests racing with the same code cannot both pass).
   */
  private async checkCode(
    account: MfaAccount,
    factor: FactorRow,
    code: string,
    origin: AuditOrigin,
    purpose: string,
  ): Promise<void> {
    const key = throttleKey(account);
    await this.throttle.assertNotLocked(key);
    const step = matchingTimeStep(factor.secret, code);
    const claimed = step !== null && (await claimMfaTimeStep(sqlRunner(this.em), factor.id, step));
    if (!claimed) await this.fail(account, origin, `code for ${purpose}`, 'code', step !== null);
    await this.throttle.clear(key);
  }

  private async checkPassword(account: MfaAccount, password: string, origin: AuditOrigin) {
    const stored = await findPasswordHash(sqlRunner(this.em), account);
    await this.throttle.assertNotLocked(throttleKey(account));
    const hash = stored ?? (await DUMMY_HASH_PROMISE);
    if (!(await verifyPassword(hash, password))) {
      await this.fail(account, origin, 'password to turn off two-step sign-in', 'password');
    }
  }

  /** Audits and counts a wrong code (or password), then refuses it. */
  private async fail(
    account: MfaAccount,
    origin: AuditOrigin,
    what: string,
    field: string,
    replayed = false,
  ): Promise<never> {
    await this.audit.record(origin, {
      action: 'auth.mfa_failed',
      summary: `Wrong ${what} for ${account.email}${replayed ? ' (a code already used)' : ''}`,
      targetType: account.kind,
      targetId: account.id,
      detail: { field, replayed },
    });
    await this.throttle.recordFailure(throttleKey(account));
    throw MfaErrors.MFA_CODE_INVALID(
      `${field}: is not correct${field === 'password' ? '' : ' (or was already used)'}.`,
    );
  }

  private async replaceRecoveryCodes(sql: SqlRunner, factorId: string): Promise<string[]> {
    const codes = newRecoveryCodes();
    await replaceRecoveryCodeHashes(sql, factorId, codes.map(recoveryCodeHash));
    return codes;
  }
}

const alreadyEnrolled = () =>
  MfaErrors.MFA_ALREADY_ENROLLED(
    'Two-step sign-in is already on: turn it off first to set up another app.',
  );
