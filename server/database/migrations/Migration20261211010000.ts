import { Migration } from '@mikro-orm/migrations';

/**
 * Contacts by last update, without reading every contact (about 150 ms at 900,000). An index
 * on every contact's last update added 13% to inserting contacts, about 4% of an import's
 * writes; this one holds only contacts changed since they were added. A contact just added
 * (an import's, whose two timestamps are the same now()) writes nothing here, and the list
 * reads the others' last update, which is when they were added, through
 * contact_created_at_idx. An edit of columns no index held (a phone, a password, an
 * unsubscribe) now writes index entries instead of updating the contact in place; a change of
 * name, email or status did already.
 */
export class Migration20261211010000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      'create index contact_updated_at_idx on contact (updated_at, id) where updated_at <> created_at;',
    );
  }

  override async down(): Promise<void> {
    this.addSql('drop index contact_updated_at_idx;');
  }
}
