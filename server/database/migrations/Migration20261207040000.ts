import { Migration } from '@mikro-orm/migrations';

/**
 * Second factor (TOTP) for staff and contacts: one authenticator per account, its single-use
 * recovery codes (SHA-256 only), the half-signed-in state between password and code, failed
 * codes counted per account, and the firm's policy for each audience.
 */
export class Migration20261207040000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table mfa_factor (
        id uuid primary key default gen_random_uuid(),
        staff_user_id uuid null unique references staff_user (id) on delete cascade,
        contact_id uuid null unique references contact (id) on delete cascade,
        secret text not null,
        confirmed_at timestamptz null,
        last_used_step bigint null,
        created_at timestamptz not null default now(),
        check ((staff_user_id is null) <> (contact_id is null))
      );`);
    this.addSql(`
      create table mfa_recovery_code (
        factor_id uuid not null references mfa_factor (id) on delete cascade,
        code_hash text not null,
        used_at timestamptz null,
        primary key (factor_id, code_hash)
      );`);
    this.addSql(`
      create table mfa_challenge (
        token_hash text primary key,
        staff_user_id uuid null references staff_user (id) on delete cascade,
        contact_id uuid null references contact (id) on delete cascade,
        expires_at timestamptz not null,
        ip text null,
        user_agent text null,
        check ((staff_user_id is null) <> (contact_id is null))
      );`);
    this.addSql(`create index mfa_challenge_expires_idx on mfa_challenge (expires_at);`);
    this.addSql(`
      create table mfa_throttle (
        owner text primary key,
        failures int not null default 0,
        locked_until timestamptz null,
        updated_at timestamptz not null default now()
      );`);
    this.addSql(`
      alter table firm_settings
        add column staff_mfa text not null default 'required'
          check (staff_mfa in ('required','optional')),
        add column contact_mfa text not null default 'optional'
          check (contact_mfa in ('required','optional'));`);
    this.addSql(`alter table email_message drop constraint email_message_kind_check;`);
    this.addSql(`
      alter table email_message add constraint email_message_kind_check check (kind in
        ('invitation','reminder','file_request','file_request_reminder','file_request_digest',
         'campaign','playbook','password_reset','staff_invitation','security_notice'));`);
  }

  override async down(): Promise<void> {
    this.addSql(`delete from email_message where kind = 'security_notice';`);
    this.addSql(`alter table email_message drop constraint email_message_kind_check;`);
    this.addSql(`
      alter table email_message add constraint email_message_kind_check check (kind in
        ('invitation','reminder','file_request','file_request_reminder','file_request_digest',
         'campaign','playbook','password_reset','staff_invitation'));`);
    this.addSql('alter table firm_settings drop column staff_mfa, drop column contact_mfa;');
    this.addSql('drop table mfa_throttle;');
    this.addSql('drop table mfa_challenge;');
    this.addSql('drop table mfa_recovery_code;');
    this.addSql('drop table mfa_factor;');
  }
}
