import { Migration } from '@mikro-orm/migrations';

/**
 * Segments (saved client filters) and campaigns to them: one row per recipient with the
 * outcome, its unsubscribe token, and the email it became. Contacts gain an unsubscribe that
 * stops campaigns only.
 */
export class Migration20261122050000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table segment (
        id uuid primary key default gen_random_uuid(),
        name text not null,
        description text null,
        filter jsonb not null,
        created_by_staff_id uuid null references staff_user (id) on delete set null,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      );`);
    this.addSql(`create unique index segment_name_unique on segment (lower(name));`);

    this.addSql(`alter table contact add column unsubscribed_at timestamptz null;`);

    this.addSql(`
      create table campaign (
        id uuid primary key default gen_random_uuid(),
        name text not null,
        subject text not null,
        body text not null,
        sender_email text not null,
        segment_id uuid null references segment (id) on delete set null,
        status text not null default 'draft'
          check (status in ('draft','scheduled','sending','sent','cancelled')),
        scheduled_at timestamptz null,
        started_at timestamptz null,
        finished_at timestamptz null,
        created_by_staff_id uuid null references staff_user (id) on delete set null,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      );`);
    this.addSql(`create index campaign_created_idx on campaign (created_at desc);`);

    this.addSql(`
      create table campaign_recipient (
        campaign_id uuid not null references campaign (id) on delete cascade,
        contact_id uuid not null references contact (id) on delete cascade,
        client_id uuid null references client (id) on delete set null,
        email text null,
        skip_reason text null check (skip_reason in ('no_email','suppressed','unsubscribed')),
        email_message_id uuid null,
        unsubscribe_token_hash text null unique,
        unsubscribed_at timestamptz null,
        created_at timestamptz not null default now(),
        primary key (campaign_id, contact_id)
      );`);
    this.addSql(
      `create index campaign_recipient_pending_idx on campaign_recipient (campaign_id, contact_id) where email_message_id is null and skip_reason is null;`,
    );

    this.addSql(`
      alter table email_message
        add column campaign_id uuid null references campaign (id) on delete set null,
        add column headers jsonb null;`);
    this.addSql(
      `create index email_message_campaign_idx on email_message (campaign_id) where campaign_id is not null;`,
    );
    this.addSql(`alter table email_message drop constraint email_message_kind_check;`);
    this.addSql(`
      alter table email_message add constraint email_message_kind_check check (kind in
        ('invitation','reminder','file_request','file_request_reminder','file_request_digest',
         'campaign','playbook'));`);
  }
}
