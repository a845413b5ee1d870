import { Migration } from '@mikro-orm/migrations';

/**
 * A dry run can be imported for real once: the real import started from its stored file is
 * recorded on it, so a second click finds it instead of importing the file twice.
 */
export class Migration20261122071300 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      alter table import_job
        add column real_import_id uuid null references import_job (id) on delete set null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table import_job drop column real_import_id;`);
  }
}
