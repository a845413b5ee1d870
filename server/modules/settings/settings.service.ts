import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/env.schema';
import { invalidField } from '../../common/validation/parse-input';
import { sqlRunner, type SqlRunner } from '../../database/sql-runner';
import { SettingsErrors } from './settings.errors';
import { findFirmSettings, updateFirmSettings } from './settings.repository';
import type { UpdateSettingsInput } from './settings.schemas';
import type { FirmSettings } from './settings.view';

export const domainOf = (email: string): string => email.slice(email.lastIndexOf('@') + 1);

/** The firm's one settings record (a single row, created by the migration). */
@Injectable()
export class SettingsService {
  constructor(
    private readonly em: EntityManager,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Inside a transaction, pass its runner: a second connection taken while the transaction
   * holds one can wait forever once every connection of the pool is held that way.
   */
  async get(sql: SqlRunner = sqlRunner(this.em)): Promise<FirmSettings> {
    const row = await findFirmSettings(sql);
    return { ...row, emailDelivery: this.config.RESEND_API_KEY ? 'resend' : 'outbox' };
  }

  async update(input: UpdateSettingsInput): Promise<FirmSettings> {
    const merged = { ...(await this.get()), ...stripUndefined(input) };
    if (merged.defaultSender && !merged.sendingDomains.includes(domainOf(merged.defaultSender))) {
      invalidField(
        'defaultSender',
        `must be on one of the sending domains (${merged.sendingDomains.join(', ') || 'none yet'})`,
      );
    }
    await updateFirmSettings(sqlRunner(this.em), merged);
    return this.get();
  }

  /** The sender of an invitation must be on one of the firm's sending domains. */
  async assertSender(senderEmail: string): Promise<FirmSettings> {
    const settings = await this.get();
    if (!settings.sendingDomains.length) {
      throw SettingsErrors.NO_SENDING_DOMAIN(
        'No sending domain is configured: add one in Settings first.',
      );
    }
    const domain = domainOf(senderEmail);
    if (!settings.sendingDomains.includes(domain)) {
      throw SettingsErrors.SENDER_NOT_ALLOWED(
        `senderEmail: ${domain} is not a sending domain of the firm (allowed: ${settings.sendingDomains.join(', ')})`,
        { domain, allowed: settings.sendingDomains },
      );
    }
    return settings;
  }
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(o).filter(([k, v]) => v !== undefined && k !== 'id' && k !== 'emailDelivery'),
  ) as Partial<T>;
}
