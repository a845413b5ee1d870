import { Migration } from '@mikro-orm/migrations';

/**
 * Emailed single-use links that set an account's password: a password reset (staff or contact)
 * and a staff invitation. Only the token's SHA-256 is stored. Invited staff have no password
 * until they choose one through their link.
 */
export class Migration20261206150000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table account_token (
        token_hash text primary key,
        purpose text not null check (purpose in ('password_reset','staff_invitation')),
        staff_user_id uuid null references staff_user (id) on delete cascade,
        contact_id uuid null references contact (id) on delete cascade,
        expires_at timestamptz not null,
        used_at timestamptz null,
        revoked_at timestamptz null,
        created_at timestamptz not null default now(),
        check ((staff_user_id is null) <> (contact_id is null))
      );`);
    this.addSql(
      `create index account_token_staff_user_idx on account_token (staff_user_id) where staff_user_id is not null;`,
    );
    this.addSql(
      `create index account_token_contact_idx on account_token (contact_id) where contact_id is not null;`,
    );
    this.addSql(`alter table staff_user alter column password_hash drop not null;`);
    this.addSql(`alter table email_message drop constraint email_message_kind_check;`);
    this.addSql(`
      alter table email_message add constraint email_message_kind_check check (kind in
        ('invitation','reminder','file_request','file_request_reminder','file_request_digest',
         'campaign','playbook','password_reset','staff_invitation'));`);
  }

  override async down(): Promise<void> {
    this.addSql(`delete from email_message where kind in ('password_reset','staff_invitation');`);
    this.addSql(`alter table email_message drop constraint email_message_kind_check;`);
    this.addSql(`
      alter table email_message add constraint email_message_kind_check check (kind in
        ('invitation','reminder','file_request','file_request_reminder','file_request_digest',
         'campaign','playbook'));`);
    this.addSql(`update staff_user set active = false where password_hash is null;`);
    this.addSql(`update staff_user set password_hash = '!' where password_hash is null;`);
    this.addSql(`alter table staff_user alter column password_hash set not null;`);
    this.addSql('drop table account_token;');
  }
}
