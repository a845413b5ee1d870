import { Migration } from '@mikro-orm/migrations';

/**
 * File requests: what staff ask a client's contacts for, item by item, with the uploads, the
 * review and a timeline. The firm settings gain the request reminder cadence and whether
 * emails carry the request's details.
 */
export class Migration20261122040000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      alter table firm_settings
        add column detailed_notifications boolean not null default false,
        add column request_reminder_days_before integer[] not null default '{3,1}',
        add column request_overdue_interval_days integer not null default 7
          check (request_overdue_interval_days between 1 and 90);`);

    this.addSql(`
      create table file_request (
        id uuid primary key default gen_random_uuid(),
        client_id uuid not null references client (id) on delete cascade,
        subject text not null,
        description text null,
        message text null,
        due_at timestamptz null,
        status text not null default 'open'
          check (status in ('open','uploaded','completed','cancelled')),
        overdue boolean not null default false,
        sender_email text not null,
        reminders_sent integer not null default 0,
        last_reminded_at timestamptz null,
        created_by_staff_id uuid null references staff_user (id) on delete set null,
        created_at timestamptz not null default now(),
        last_activity_at timestamptz not null default now(),
        closed_at timestamptz null
      );`);
    this.addSql(
      `create index file_request_client_idx on file_request (client_id, last_activity_at desc);`,
    );
    this.addSql(`create index file_request_activity_idx on file_request (last_activity_at desc);`);
    this.addSql(
      `create index file_request_subject_trgm on file_request using gin (subject gin_trgm_ops);`,
    );

    this.addSql(`
      create table file_request_recipient (
        request_id uuid not null references file_request (id) on delete cascade,
        contact_id uuid not null references contact (id) on delete cascade,
        primary key (request_id, contact_id)
      );`);
    this.addSql(
      `create index file_request_recipient_contact_idx on file_request_recipient (contact_id);`,
    );

    this.addSql(`
      create table file_request_item (
        id uuid primary key default gen_random_uuid(),
        request_id uuid not null references file_request (id) on delete cascade,
        position integer not null,
        title text not null,
        description text null,
        status text not null default 'requested'
          check (status in ('requested','uploaded','accepted','rejected','not_applicable')),
        rejection_reason text null,
        not_applicable_comment text null,
        file_id uuid null references client_file (id) on delete set null,
        updates_file_id uuid null references client_file (id) on delete set null,
        updated_at timestamptz not null default now(),
        unique (request_id, position)
      );`);

    this.addSql(`
      create table file_request_attachment (
        request_id uuid not null references file_request (id) on delete cascade,
        file_id uuid not null references client_file (id) on delete cascade,
        primary key (request_id, file_id)
      );`);

    this.addSql(`
      create table file_request_event (
        id bigint generated always as identity primary key,
        request_id uuid not null references file_request (id) on delete cascade,
        item_id uuid null references file_request_item (id) on delete cascade,
        kind text not null,
        detail text not null,
        staff_id uuid null references staff_user (id) on delete set null,
        contact_id uuid null references contact (id) on delete set null,
        at timestamptz not null default now()
      );`);
    this.addSql(
      `create index file_request_event_request_idx on file_request_event (request_id, at);`,
    );

    // Request emails go through the same outbox as invitations.
    this.addSql(`alter table email_message drop constraint email_message_kind_check;`);
    this.addSql(`
      alter table email_message
        add constraint email_message_kind_check check (kind in
          ('invitation','reminder','file_request','file_request_reminder','file_request_digest')),
        add column file_request_id uuid null references file_request (id) on delete set null;`);
  }
}
