import { Migration } from '@mikro-orm/migrations';

/**
 * Stored content is reference-counted by the rows that point at it: these indexes let the
 * sweep (and the foreign-key checks of its deletes) find references without scanning tables.
 * An import needs its file only until it has finished; then the file may go, and the job
 * keeps its name.
 */
export class Migration20261205000000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table import_job alter column file_id drop not null;`);
    this.addSql(`
      alter table import_job drop constraint import_job_file_id_fkey,
        add constraint import_job_file_id_fkey foreign key (file_id)
          references stored_file (id) on delete set null;`);
    this.addSql(
      `create index client_file_version_stored_file_idx on client_file_version (stored_file_id);`,
    );
    this.addSql(`create index import_job_file_idx on import_job (file_id);`);
    this.addSql(`create index stored_file_sha256_idx on stored_file (sha256);`);
  }
}
