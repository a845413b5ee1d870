import { Migration } from '@mikro-orm/migrations';

/** Sign-in throttling forgets stale rows; these indexes keep finding them a short scan. */
export class Migration20261206180000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create index login_throttle_updated_idx on login_throttle (updated_at);`);
    this.addSql(`create index known_device_last_seen_idx on known_device (last_seen_at);`);
  }

  override async down(): Promise<void> {
    this.addSql('drop index known_device_last_seen_idx;');
    this.addSql('drop index login_throttle_updated_idx;');
  }
}
