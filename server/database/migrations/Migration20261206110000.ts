import { Migration } from '@mikro-orm/migrations';

/**
 * The provider's requests of the last moments, whichever worker made them: a request may start
 * only while fewer than the limit are in flight or were answered within its window, so however
 * late one reaches the provider, no window holds more than the limit.
 */
export class Migration20261206110000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table email_send_request (
        id uuid primary key default gen_random_uuid(),
        started_at timestamptz not null default clock_timestamp(),
        answered_at timestamptz
      );`);
    this.addSql(`create index email_send_request_started_idx on email_send_request (started_at);`);
  }
}
