import { Migration } from '@mikro-orm/migrations';

/**
 * Sign-in throttling kept in PostgreSQL, so every API process counts the same attempts:
 * failures per login and source (an address, or a device the account signed in from before;
 * '' for the account as a whole) with how many lockouts led up to now, the devices each login
 * is known on, and the per-address request windows of the rate limiter.
 */
export class Migration20261205010000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`delete from login_throttle;`);
    this.addSql(`alter table login_throttle drop constraint login_throttle_pkey;`);
    this.addSql(`
      alter table login_throttle
        add column source text not null default '',
        add column lockouts integer not null default 0,
        add primary key (login, source);`);
    this.addSql(`
      create table known_device (
        token_hash text not null,
        login text not null,
        last_seen_at timestamptz not null default now(),
        primary key (token_hash, login)
      );`);
    this.addSql(`
      create table request_throttle (
        key text primary key,
        hits integer not null,
        expires_at timestamptz not null
      );`);
    this.addSql(`create index request_throttle_expires_idx on request_throttle (expires_at);`);
  }
}
