import { Migration } from '@mikro-orm/migrations';

/**
 * No list read client_type_idx in `npm run bench:list` (0 scans over 135 scenarios at a
 * million clients): a type takes a large share of the clients, so its filter and its sort walk
 * other indexes. Every import still paid to maintain it.
 */
export class Migration20261208020000 extends Migration {
  override async up(): Promise<void> {
    this.addSql('drop index client_type_idx;');
  }

  override async down(): Promise<void> {
    this.addSql('create index client_type_idx on client (type);');
  }
}
