import { randomUUID } from 'node:crypto';
import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '@server/config/config.module';
import type { AppConfig } from '@server/config/env.schema';
import { sqlRunner } from '@server/database/sql-runner';
import { EmailDispatcherWaker } from '@server/modules/email/email-dispatcher-waker.service';
import { insertOutgoingEmails } from '@server/modules/email/email.repository';
import { accountEmailFrom } from '@server/modules/email/outgoing-email';
import { renderEmail } from '@server/modules/email/render-email';
import {
  RecoveryCodeUsedEmail,
  recoveryCodeUsedSubject,
} from '@server/modules/email/templates/recovery-code-used-email';
import { SettingsService } from '@server/modules/settings/settings.service';
import type { MfaAccount } from './mfa-account';

/** Emails the account when a recovery code signed it in: the owner learns if it was not them. */
@Injectable()
export class RecoveryNoticeService {
  constructor(
    private readonly em: EntityManager,
    private readonly settings: SettingsService,
    private readonly waker: EmailDispatcherWaker,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async send(account: MfaAccount, codesLeft: number, ip: string | null): Promise<void> {
    const settings = await this.settings.get();
    const message = await renderEmail(
      recoveryCodeUsedSubject(settings.firmName),
      RecoveryCodeUsedEmail({
        firmName: settings.firmName,
        greetingName: account.firstName || account.email,
        usedAt: new Date(),
        timeZone: settings.timeZone,
        ip,
        codesLeft,
      }),
    );
    const id = randomUUID();
    await insertOutgoingEmails(
      sqlRunner(this.em),
      [
        {
          id,
          kind: 'security_notice',
          idempotencyKey: `security-notice/${id}`,
          to: account.email,
          from: accountEmailFrom(settings, this.config.PUBLIC_URL),
          ...message,
          links: [],
          contactId: account.kind === 'contact' ? account.id : null,
          invitationId: null,
        },
      ],
      settings.emailDelivery,
    );
    this.waker.wake();
  }
}
