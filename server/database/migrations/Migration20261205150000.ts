import { Migration } from '@mikro-orm/migrations';

/**
 * Transactional email before bulk: the dispatcher claims queued email by (bulk, created_at), so
 * one invitation or file request overtakes a campaign's backlog. One row paces every sender of
 * the deployment to the provider's requests a second, however many workers run.
 */
export class Migration20261205150000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table email_message add column bulk boolean not null default false;`);
    this.addSql(
      `create index email_message_claim_idx on email_message (bulk, created_at, id) where status = 'queued';`,
    );
    this.addSql(`
      create table email_send_pace (
        id boolean primary key default true check (id),
        next_at timestamptz not null default now()
      );`);
    this.addSql(`insert into email_send_pace default values;`);
  }
}
