import { Migration } from '@mikro-orm/migrations';

/**
 * Indexes that cost every insert more than they save any read. The status filters keep plain
 * one-column indexes (small: PostgreSQL deduplicates repeated keys) for their counts instead of
 * sorted composites; sorting 100k rows by first name or company is rare and still quick.
 * Measured: a 100k-row import spent ~40% of its client insert time maintaining these five.
 */
export class Migration20261121020000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`drop index if exists client_first_name_idx, client_company_name_idx,
      client_type_idx, client_portal_status_idx, client_connection_status_idx;`);
    this.addSql(`create index client_type_idx on client (type);`);
    this.addSql(`create index client_portal_status_idx on client (portal_status);`);
    this.addSql(`create index client_connection_status_idx on client (connection_status);`);
  }

  override async down(): Promise<void> {
    this.addSql(
      `drop index client_type_idx, client_portal_status_idx, client_connection_status_idx;`,
    );
    this.addSql(`create index client_first_name_idx on client (lower(first_name), id);`);
    this.addSql(`create index client_company_name_idx on client (lower(company_name), id);`);
    this.addSql(`create index client_type_idx on client (type, lower(display_name));`);
    this.addSql(
      `create index client_portal_status_idx on client (portal_status, lower(display_name));`,
    );
    this.addSql(
      `create index client_connection_status_idx on client (connection_status, lower(display_name));`,
    );
  }
}
