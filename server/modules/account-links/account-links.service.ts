import { randomUUID } from 'node:crypto';
import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { hashPassword } from '../../common/auth/password-hasher';
import { assertPasswordIsNotLogin } from '../../common/auth/password-policy';
import { SessionsService } from '../../common/auth/sessions.service';
import { linkTokenProblem, type LinkTokenProblem } from '../../common/crypto/link-token';
import { hashSecretToken, newSecretToken } from '../../common/crypto/secret-token';
import { isoDate } from '../../common/http/iso-date';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/env.schema';
import { sqlRunner, sqlTransaction, type SqlRunner } from '../../database/sql-runner';
import { EmailDispatcherWaker } from '../email/email-dispatcher-waker.service';
import { insertOutgoingEmails } from '../email/email.repository';
import { accountEmailFrom } from '../email/outgoing-email';
import { renderEmail } from '../email/render-email';
import { AccountLinkEmail, accountLinkSubject } from '../email/templates/account-link-email';
import { SettingsService } from '../settings/settings.service';
import type { AccountLinkOwner, AccountLinkPurpose } from './account-link-owner';
import type { AccountLinkPreview } from './account-link.view';
import { AccountLinksErrors } from './account-links.errors';
import {
  findAccountToken,
  insertAccountToken,
  revokeAccountLinks,
  setAccountPasswordHash,
  spendAccountToken,
  type AccountTokenRow,
} from './account-links.repository';
import { DomainException } from '../../common/errors/domain.exception';

/**
 * Emailed links that set an account's password (a reset, a staff invitation), under the rules
 * of portal invitations: only the hash is stored, a newer link kills the older ones, the link
 * dies when used or at its expiry, and using it ends every session of the account.
 */
@Injectable()
export class AccountLinksService {
  constructor(
    private readonly em: EntityManager,
    private readonly settings: SettingsService,
    private readonly sessions: SessionsService,
    private readonly waker: EmailDispatcherWaker,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * A new link for `owner`, in the caller's transaction `sql`: earlier live links of the
   * account die, the email is queued as transactional mail. Call sent() after the commit.
   */
  async issue(sql: SqlRunner, owner: AccountLinkOwner, purpose: AccountLinkPurpose): Promise<void> {
    const settings = await this.settings.get(sql);
    const ttlSeconds =
      purpose === 'password_reset'
        ? this.config.PASSWORD_RESET_TTL_MINUTES * 60
        : settings.invitationExpirySeconds;
    await revokeAccountLinks(sql, owner);
    const token = newSecretToken();
    const expiresAt = await insertAccountToken(
      sql,
      owner,
      purpose,
      hashSecretToken(token),
      ttlSeconds,
    );
    // Staff links say so: the page then leads back to the console, not the portal.
    const url = `${this.config.PUBLIC_URL}/portal/set-password?token=${token}${owner.kind === 'staff' ? '&staff=1' : ''}`;
    const message = await renderEmail(
      accountLinkSubject(purpose, settings.firmName),
      AccountLinkEmail({
        purpose,
        firmName: settings.firmName,
        greetingName: owner.firstName || owner.email,
        url,
        expiresAt: new Date(expiresAt),
        timeZone: settings.timeZone,
      }),
    );
    await insertOutgoingEmails(
      sql,
      [
        {
          id: randomUUID(),
          kind: purpose,
          idempotencyKey: `account-link/${hashSecretToken(token)}`,
          to: owner.email,
          from: accountEmailFrom(settings, this.config.PUBLIC_URL),
          ...message,
          links: [{ label: purpose === 'password_reset' ? 'Reset password' : 'Accept', url }],
          contactId: owner.kind === 'contact' ? owner.id : null,
          invitationId: null,
        },
      ],
      settings.emailDelivery,
    );
  }

  /** Wakes the email dispatcher once the links' transaction committed. */
  sent(): void {
    this.waker.wake();
  }

  async preview(token: string): Promise<AccountLinkPreview> {
    const row = await this.live(sqlRunner(this.em), token, false);
    const { firmName, logoUrl, timeZone } = await this.settings.get();
    return {
      purpose: row.purpose,
      audience: row.kind,
      email: row.email,
      firmName,
      logoUrl,
      expiresAt: isoDate(row.expires_at),
      timeZone,
    };
  }

  /**
   * Sets the account's password (under the one policy), kills the link and every other live
   * link of the account, and ends all its sessions: whoever else held one is out.
   */
  async use(
    token: string,
    password: string,
  ): Promise<{
    owner: Pick<AccountLinkOwner, 'kind' | 'id' | 'email'>;
    purpose: AccountLinkPurpose;
  }> {
    const preview = await this.live(sqlRunner(this.em), token, false);
    assertPasswordIsNotLogin(password, preview.email);
    const passwordHash = await hashPassword(password);
    const row = await sqlTransaction(this.em, async (sql) => {
      const live = await this.live(sql, token, true);
      const account = { kind: live.kind, id: live.owner_id };
      await setAccountPasswordHash(sql, account, passwordHash);
      await spendAccountToken(sql, account, hashSecretToken(token));
      return live;
    });
    const owner = { kind: row.kind, id: row.owner_id, email: row.email };
    await this.sessions.revokeAllOf(owner);
    return { owner, purpose: row.purpose };
  }

  /** The link's account if the link still opens (locked for the change), else why not. */
  private async live(sql: SqlRunner, token: string, lock: boolean): Promise<AccountTokenRow> {
    const row = await findAccountToken(sql, hashSecretToken(token), lock);
    const problem = linkTokenProblem(row);
    if (problem) throw linkError(problem);
    return row!;
  }
}

// Each stands alone for API callers, and reads as the line under the page's heading.
const LINK_MESSAGES: Record<LinkTokenProblem, string> = {
  TOKEN_INVALID: 'Check that you opened the whole link from the email, or ask for a new one.',
  USED: 'A password was already chosen with this link: sign in with it, or ask for a new link.',
  EXPIRED: 'Links to choose a password work for a limited time: ask for a new one.',
  REVOKED:
    'A newer link was sent, or the account was closed: use the link in the latest email, or ask for a new one.',
};

function linkError(kind: LinkTokenProblem): DomainException {
  return AccountLinksErrors[`ACCOUNT_LINK_${kind}`](LINK_MESSAGES[kind]);
}
