import { Migration } from '@mikro-orm/migrations';

/**
 * A file request to a contact without portal access invites them in the same email: the
 * invitation remembers the request, so its reminders can lead to it. A rejected item is
 * emailed to the recipients once (several rejections together in one email).
 */
export class Migration20261206140000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table invitation add column file_request_id uuid null references file_request (id) on delete set null;`,
    );
    this.addSql(
      `create index invitation_file_request_idx on invitation (file_request_id) where file_request_id is not null;`,
    );
    this.addSql(`alter table file_request_item add column rejection_emailed_at timestamptz null;`);
    // Rejections from before are not emailed late.
    this.addSql(
      `update file_request_item set rejection_emailed_at = updated_at where status = 'rejected';`,
    );
  }

  override async down(): Promise<void> {
    this.addSql('alter table file_request_item drop column rejection_emailed_at;');
    this.addSql('alter table invitation drop column file_request_id;');
  }
}
