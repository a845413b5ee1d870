import { Migration } from '@mikro-orm/migrations';

/** The deep health probe's turn and last report, shared by every API process. */
export class Migration20261207010000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table health_probe (
        task_queue text primary key,
        started_at timestamptz not null,
        report jsonb null
      );`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table health_probe;');
  }
}
