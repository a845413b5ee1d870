import { pgArray } from '../../database/pg-array';
import type { SqlRunner } from '../../database/sql-runner';
import type { FirmSettings } from './settings.view';

/** The settings row as stored: how email goes out is the deployment's, not the row's. */
export type StoredFirmSettings = Omit<FirmSettings, 'emailDelivery'>;

const SELECT = `select id, firm_name as "firmName", logo_url as "logoUrl",
  sending_domains as "sendingDomains", default_sender as "defaultSender",
  reminder_interval_seconds as "reminderIntervalSeconds", max_reminders as "maxReminders",
  invitation_expiry_seconds as "invitationExpirySeconds",
  detailed_notifications as "detailedNotifications",
  request_reminder_days_before as "requestReminderDaysBefore",
  request_overdue_interval_days as "requestOverdueIntervalDays", time_zone as "timeZone",
  staff_mfa as "staffMfa", contact_mfa as "contactMfa"
  from firm_settings where id = 'firm'`;

/** The firm's one settings row (created by the migration). */
export async function findFirmSettings(sql: SqlRunner): Promise<StoredFirmSettings> {
  const [row] = await sql<StoredFirmSettings[]>(SELECT);
  return row;
}

export async function updateFirmSettings(
  sql: SqlRunner,
  settings: Omit<StoredFirmSettings, 'id'>,
): Promise<void> {
  await sql(
    `update firm_settings set firm_name = ?, logo_url = ?, sending_domains = ?::text[],
         default_sender = ?, reminder_interval_seconds = ?, max_reminders = ?,
         invitation_expiry_seconds = ?, detailed_notifications = ?,
         request_reminder_days_before = ?::int[], request_overdue_interval_days = ?,
         time_zone = ?, staff_mfa = ?, contact_mfa = ?, updated_at = now() where id = 'firm'`,
    [
      settings.firmName,
      settings.logoUrl,
      pgArray(settings.sendingDomains),
      settings.defaultSender,
      settings.reminderIntervalSeconds,
      settings.maxReminders,
      settings.invitationExpirySeconds,
      settings.detailedNotifications,
      pgArray(settings.requestReminderDaysBefore.map(String)),
      settings.requestOverdueIntervalDays,
      settings.timeZone,
      settings.staffMfa,
      settings.contactMfa,
    ],
  );
}
