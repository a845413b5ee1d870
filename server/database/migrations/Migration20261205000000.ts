import { Migration } from '@mikro-orm/migrations';

/**
 * Stored content is reference-counted by the rows that point at it: these indexes let the
 * sweep (and the foreign-key checks of its deletes) find references without scanning tables.
 */
export class Migration20261205000000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create index client_file_version_stored_file_idx on client_file_version (stored_file_id);`,
    );
    this.addSql(`create index import_job_file_idx on import_job (file_id);`);
    this.addSql(`create index stored_file_sha256_idx on stored_file (sha256);`);
  }
}
