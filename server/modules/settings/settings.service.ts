import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/env.schema';
import { invalidField } from '../../common/validation/parse-input';
import { pgArray } from '../../database/pg-array';
import { sqlRunner, type SqlRunner } from '../../database/sql-runner';
import { SettingsErrors } from './settings.errors';
import type { UpdateSettingsInput } from './settings.schemas';
import type { FirmSettings } from './settings.view';

const SELECT = `select id, firm_name as "firmName", logo_url as "logoUrl",
  sending_domains as "sendingDomains", default_sender as "defaultSender",
  reminder_interval_seconds as "reminderIntervalSeconds", max_reminders as "maxReminders",
  invitation_expiry_seconds as "invitationExpirySeconds",
  detailed_notifications as "detailedNotifications",
  request_reminder_days_before as "requestReminderDaysBefore",
  request_overdue_interval_days as "requestOverdueIntervalDays", time_zone as "timeZone",
  staff_mfa as "staffMfa", contact_mfa as "contactMfa"
  from firm_settings where id = 'firm'`;

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
    const [row] = await sql<Omit<FirmSettings, 'emailDelivery'>[]>(SELECT);
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
    await this.em.getConnection().execute(
      `update firm_settings set firm_name = ?, logo_url = ?, sending_domains = ?::text[],
         default_sender = ?, reminder_interval_seconds = ?, max_reminders = ?,
         invitation_expiry_seconds = ?, detailed_notifications = ?,
         request_reminder_days_before = ?::int[], request_overdue_interval_days = ?,
         time_zone = ?, staff_mfa = ?, contact_mfa = ?, updated_at = now() where id = 'firm'`,
      [
        merged.firmName,
        merged.logoUrl,
        pgArray(merged.sendingDomains),
        merged.defaultSender,
        merged.reminderIntervalSeconds,
        merged.maxReminders,
        merged.invitationExpirySeconds,
        merged.detailedNotifications,
        pgArray(merged.requestReminderDaysBefore.map(String)),
        merged.requestOverdueIntervalDays,
        merged.timeZone,
        merged.staffMfa,
        merged.contactMfa,
      ],
    );
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
