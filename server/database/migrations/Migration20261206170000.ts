import { Migration } from '@mikro-orm/migrations';

/**
 * Stored files are encrypted by the application from now on; the content already on disk
 * stays plaintext (and readable) until `npm run storage:rewrap` seals it.
 */
export class Migration20261206170000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table stored_file add column encrypted boolean not null default false;`);
    this.addSql(`alter table stored_file alter column encrypted set default true;`);
    // The rewrap command walks the plaintext content left.
    this.addSql(
      `create index stored_file_plaintext_idx on stored_file (sha256) where not encrypted;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql('alter table stored_file drop column encrypted;');
  }
}
