import { Migration } from '@mikro-orm/migrations';

/**
 * The firm's time zone, clients listed in each audit event, indexes for the home page, and
 * what a contact reaches in the portal: their clients, less offline profiles marked duplicate
 * (staff-side records of a client that now has a connected standard profile). Staff views of a
 * client's contacts keep using contact_client_access.
 */
export class Migration20261206100000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create view portal_client_access as
        select a.client_id, a.contact_id, a.role, a.via_group_id
        from contact_client_access a join client c on c.id = a.client_id
        where c.connection_status <> 'duplicate';`);
    // The console's home page counts reminders due today and open file requests.
    this.addSql(
      `create index invitation_next_reminder_idx on invitation (next_reminder_at) where status = 'pending';`,
    );
    this.addSql(`create index file_request_status_idx on file_request (status, due_at);`);
    // Every date the firm sees is shown in its time zone.
    this.addSql(`alter table firm_settings add column time_zone text not null default 'UTC';`);
    // An event touching several clients (tags on many, a contact's invitation) shows on each.
    this.addSql(`alter table audit_event add column client_ids uuid[] not null default '{}';`);
    this.addSql(`create index audit_event_client_ids_idx on audit_event using gin (client_ids);`);
  }

  override async down(): Promise<void> {
    this.addSql('alter table audit_event drop column client_ids;');
    this.addSql('alter table firm_settings drop column time_zone;');
    this.addSql('drop index file_request_status_idx;');
    this.addSql('drop index invitation_next_reminder_idx;');
    this.addSql('drop view portal_client_access;');
  }
}
