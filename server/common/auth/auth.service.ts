import { EntityManager, raw } from '@mikro-orm/postgresql';
import { Injectable, Logger } from '@nestjs/common';
import { Contact } from '../../modules/contacts/contact.entity';
import { StaffUser } from '../../modules/staff/staff-user.entity';
import { revokeAccountLinks } from '../../modules/account-links/account-links.repository';
import { sqlRunner } from '../../database/sql-runner';
import { AuthErrors } from './auth.errors';
import type { ChangePasswordInput, LoginInput } from './auth.schemas';
import { LoginThrottleService } from './login-throttle.service';
import { MfaChallengeService } from './mfa/mfa-challenge.service';
import { MfaService, type SecondStep } from './mfa/mfa.service';
import { DUMMY_HASH_PROMISE, hashPassword, verifyPassword } from './password-hasher';
import { assertPasswordIsNotLogin } from './password-policy';
import type { Principal } from './principal';
import { SessionsService, type ClientMeta } from './sessions.service';

@Injectable()
export class AuthService {
  private readonly logger = new Logger(AuthService.name);

  constructor(
    private readonly em: EntityManager,
    private readonly sessions: SessionsService,
    private readonly throttle: LoginThrottleService,
    private readonly mfa: MfaService,
    private readonly challenges: MfaChallengeService,
  ) {}

  /**
   * Signs a staff user into the console, or (`portal`) a contact who accepted an invitation into
   * the portal. Wrong email and wrong password are indistinguishable (message and timing).
   * `deviceCookie` is what the browser keeps from its last sign-in here; the answer's
   * `deviceToken` is what it is to keep now. If the account has (or must set up) a second
   * factor, the answer is a challenge for it instead of a session.
   */
  async login(
    input: LoginInput,
    meta: ClientMeta,
    deviceCookie: unknown,
  ): Promise<
    ({ user: StaffUser } | { contact: Contact }) & { deviceToken: string } & (
        { token: string } | { secondFactor: NonNullable<SecondStep>; challenge: string }
      )
  > {
    const source = await this.throttle.source(input.email, meta.ip, deviceCookie);
    const attempt = await this.throttle.countAttempt(source);
    const account = input.portal
      ? await this.em.findOne(
          Contact,
          // Contact emails keep the case they were typed in; the unique index is on lower(email),
          // which an ILIKE cannot use (it read every accepted contact for each attempt).
          {
            [raw((alias) => `lower(${alias}.email)`)]: raw('lower(?)', [input.email]),
            portalStatus: 'accepted',
          },
          { populate: ['passwordHash'] },
        )
      : await this.em.findOne(
          StaffUser,
          { email: input.email, active: true },
          { populate: ['passwordHash'] },
        );
    const valid = await verifyPassword(
      account?.passwordHash ?? (await DUMMY_HASH_PROMISE),
      input.password,
    );
    if (!account || !valid) {
      this.logger.warn({ login: input.email, ip: meta.ip }, 'failed sign-in');
      this.throttle.refuseIfLockedOut(attempt);
      throw AuthErrors.AUTH_INVALID_CREDENTIALS('Wrong email or password.');
    }
    const deviceToken = await this.throttle.recordSuccess(source);
    const who = account instanceof Contact ? { contact: account } : { user: account };
    const owner = {
      kind: account instanceof Contact ? 'contact' : 'staff',
      id: account.id,
    } as const;
    const secondFactor = await this.mfa.secondStep(owner);
    if (secondFactor) {
      return {
        ...who,
        deviceToken,
        secondFactor,
        challenge: await this.challenges.create(owner, meta),
      };
    }
    return { ...who, deviceToken, token: await this.startSession(account, meta) };
  }

  /** The session of a sign-in that is complete: password, and second factor if one is due. */
  async startSession(account: StaffUser | Contact, meta: ClientMeta): Promise<string> {
    if (account instanceof StaffUser) account.lastLoginAt = new Date();
    return this.sessions.create(account, meta);
  }

  /** The account of a half-done sign-in, to complete it. */
  account(owner: Pick<Principal, 'kind' | 'id'>): Promise<StaffUser | Contact> {
    return owner.kind === 'staff'
      ? this.em.findOneOrFail(StaffUser, owner.id)
      : this.em.findOneOrFail(Contact, owner.id);
  }

  logout(principal: Principal): Promise<void> {
    return this.sessions.revoke(principal.sessionTokenHash);
  }

  /**
   * Changing the password signs out every other browser of that user (or contact) and kills
   * their unused password links. The new password meets the one policy (checked by its schema,
   * and here that it is not the login).
   */
  async changePassword(principal: Principal, input: ChangePasswordInput): Promise<void> {
    const account =
      principal.kind === 'staff'
        ? await this.em.findOneOrFail(StaffUser, principal.id, { populate: ['passwordHash'] })
        : await this.em.findOneOrFail(Contact, principal.id, { populate: ['passwordHash'] });
    if (
      !(await verifyPassword(
        account.passwordHash ?? (await DUMMY_HASH_PROMISE),
        input.currentPassword,
      ))
    ) {
      throw AuthErrors.AUTH_INVALID_CREDENTIALS('currentPassword: is not correct.');
    }
    assertPasswordIsNotLogin(input.newPassword, account.email, 'newPassword');
    account.passwordHash = await hashPassword(input.newPassword);
    await this.em.flush();
    await revokeAccountLinks(sqlRunner(this.em), principal);
    await this.sessions.revokeAllOf(principal, principal.sessionTokenHash);
  }
}
