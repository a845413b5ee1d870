import { Migration } from '@mikro-orm/migrations';

/** Sessions get an id to show and end them by: the token hash stays out of every answer. */
export class Migration20261207050000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table session add column public_id uuid not null default gen_random_uuid();`,
    );
    this.addSql(`create unique index session_public_id_idx on session (public_id);`);
  }

  override async down(): Promise<void> {
    this.addSql('alter table session drop column public_id;');
  }
}
