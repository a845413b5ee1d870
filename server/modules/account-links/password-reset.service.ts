import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { AuditService, type AuditOrigin } from '../../common/audit/audit.service';
import { RequestThrottleStorage } from '../../common/auth/request-throttle.storage';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/env.schema';
import { sqlRunner, sqlTransaction } from '../../database/sql-runner';
import type { AccountLinkOwner } from './account-link-owner';
import { AccountLinksErrors } from './account-links.errors';
import { findPasswordResetOwner } from './account-links.repository';
import { AccountLinksService } from './account-links.service';
import type { PasswordResetRequestInput } from './account-links.schemas';

const HOUR_MS = 3600_000;

/**
 * "Forgot password": the answer is the same whether or not the account exists, and comes
 * before any work that depends on it (the link is made and queued afterwards), so neither
 * words nor timing tell who has an account. Requests are counted per email and per address
 * in PostgreSQL, known or not, so the limit tells nothing either.
 */
@Injectable()
export class PasswordResetService implements OnApplicationShutdown {
  private readonly logger = new Logger(PasswordResetService.name);
  private readonly throttle: RequestThrottleStorage;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly em: EntityManager,
    private readonly links: AccountLinksService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.throttle = new RequestThrottleStorage(em);
  }

  async request(input: PasswordResetRequestInput, origin: AuditOrigin): Promise<void> {
    const audience = input.portal ? 'contact' : 'staff';
    await this.count(
      `password-reset:email:${audience}:${input.email}`,
      this.config.PASSWORD_RESET_MAX_PER_EMAIL,
    );
    await this.count(
      `password-reset:ip:${origin.ip ?? 'unknown'}`,
      this.config.PASSWORD_RESET_MAX_PER_ADDRESS,
    );
    const work = this.sendIfAccount(input.email, audience, origin)
      .catch((e: unknown) => this.logger.error({ err: e }, 'could not send a password reset link'))
      .finally(() => this.inFlight.delete(work));
    this.inFlight.add(work);
  }

  /** Resolves once every reset link asked for so far is queued (or failed). */
  async idle(): Promise<void> {
    await Promise.all([...this.inFlight]);
  }

  onApplicationShutdown(): Promise<void> {
    return this.idle();
  }

  private async count(key: string, limit: number): Promise<void> {
    const { isBlocked, timeToBlockExpire } = await this.throttle.increment(key, HOUR_MS, limit);
    if (!isBlocked) return;
    const minutes = Math.max(1, Math.ceil(timeToBlockExpire / 60));
    throw AccountLinksErrors.PASSWORD_RESET_TOO_MANY_REQUESTS(
      `Too many password reset requests. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
    );
  }

  /**
   * Active staff (with or without a password yet: an invited member whose invitation lapsed
   * gets a way in), or a contact who accepted their portal invitation.
   */
  private async sendIfAccount(
    email: string,
    audience: AccountLinkOwner['kind'],
    origin: AuditOrigin,
  ): Promise<void> {
    const em = this.em.fork();
    const owner = await findPasswordResetOwner(sqlRunner(em), audience, email);
    if (!owner) return;
    await sqlTransaction(em, (sql) => this.links.issue(sql, owner, 'password_reset'));
    this.links.sent();
    await this.audit.record(origin, {
      action: 'auth.password_reset_requested',
      summary: `A password reset link was emailed to ${owner.email}${audience === 'contact' ? ' (portal)' : ''}`,
      targetType: owner.kind,
      targetId: owner.id,
    });
  }
}
