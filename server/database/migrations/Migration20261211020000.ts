import { Migration } from '@mikro-orm/migrations';

/**
 * The Outbox filtered by kind. A rare kind (password resets, staff invitations among a firm's
 * campaign and invitation emails) read every message to find its few: 110 ms at 500,000, even
 * for a kind no message has. A message written adds one entry here to the eleven it writes
 * already.
 */
export class Migration20261211020000 extends Migration {
  override async up(): Promise<void> {
    this.addSql('create index email_message_kind_idx on email_message (kind);');
  }

  override async down(): Promise<void> {
    this.addSql('drop index email_message_kind_idx;');
  }
}
