import { Migration } from '@mikro-orm/migrations';

/**
 * Import outcomes move out of import_row into an insert-only table. Writing an outcome used to
 * rewrite the whole staged row (raw cells and data) and three of its index entries; now a chunk
 * appends one narrow row. import_row keeps what staging found wrong with a row (`failure`).
 * Rows are ordered by seq, which follows the file's row order, so row_number needs no index.
 */
export class Migration20261122000000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table import_row_outcome (
        import_id uuid not null references import_job (id) on delete cascade,
        seq integer not null,
        outcome text not null check (outcome in ('created','updated','unchanged','failed')),
        comment text null,
        client_id uuid null,
        previous jsonb null,
        written_at timestamptz not null default now(),
        undone boolean not null default false,
        primary key (import_id, seq)
      );`);
    this.addSql(
      `create index import_row_outcome_outcome_idx on import_row_outcome (import_id, outcome, seq);`,
    );
    this.addSql(`
      insert into import_row_outcome (import_id, seq, outcome, comment, client_id, previous, written_at, undone)
      select import_id, seq, outcome, comment, client_id, previous, coalesce(written_at, now()), undone
      from import_row where done;`);
    this.addSql(`alter table import_row add column failure text null;`);
    this.addSql(`update import_row set failure = comment where outcome = 'failed';`);
    this.addSql(`drop index import_row_outcome_idx, import_row_row_number_idx;`);
    this.addSql(`alter table import_row drop column outcome, drop column comment,
      drop column client_id, drop column previous, drop column written_at, drop column done,
      drop column undone;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table import_row
      add column outcome text null check (outcome in ('created','updated','unchanged','failed')),
      add column comment text null, add column client_id uuid null, add column previous jsonb null,
      add column written_at timestamptz null, add column done boolean not null default false,
      add column undone boolean not null default false;`);
    this.addSql(`update import_row r set outcome = o.outcome, comment = o.comment,
      client_id = o.client_id, previous = o.previous, written_at = o.written_at, done = true,
      undone = o.undone
      from import_row_outcome o where o.import_id = r.import_id and o.seq = r.seq;`);
    this.addSql(`update import_row set outcome = 'failed', comment = failure
      where failure is not null and not done;`);
    this.addSql(`alter table import_row drop column failure;`);
    this.addSql(
      `create index import_row_outcome_idx on import_row (import_id, outcome, row_number);`,
    );
    this.addSql(`create index import_row_row_number_idx on import_row (import_id, row_number);`);
    this.addSql(`drop table import_row_outcome;`);
  }
}
