import { Migration } from '@mikro-orm/migrations';

/** The portal names the request each file answered: found from the file, not by walking items. */
export class Migration20261207030000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create index file_request_item_file_idx on file_request_item (file_id);`);
  }

  override async down(): Promise<void> {
    this.addSql('drop index file_request_item_file_idx;');
  }
}
