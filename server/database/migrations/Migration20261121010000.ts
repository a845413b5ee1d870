import { Migration } from '@mikro-orm/migrations';

/** Contacts (primary contact of imported clients), stored files, import jobs and their rows. */
export class Migration20261121010000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table contact (
        id uuid primary key,
        email text not null,
        first_name text null,
        last_name text null,
        phone text null,
        portal_status text not null default 'not_invited'
          check (portal_status in ('not_invited','invited','accepted','expired','revoked','bounced')),
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      );`);
    this.addSql(`create unique index contact_email_unique on contact (lower(email));`);

    this.addSql(`
      create table client_contact (
        client_id uuid not null references client (id) on delete cascade,
        contact_id uuid not null references contact (id) on delete cascade,
        role text not null default 'contact_collaborator'
          check (role in ('contact_access','contact_collaborator')),
        is_primary boolean not null default false,
        created_at timestamptz not null default now(),
        primary key (client_id, contact_id)
      );`);
    this.addSql(
      `create unique index client_contact_one_primary on client_contact (client_id) where is_primary;`,
    );
    this.addSql(`create index client_contact_contact_idx on client_contact (contact_id);`);

    this.addSql(`
      create table stored_file (
        id uuid primary key,
        sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
        size bigint not null,
        original_name text not null,
        content_type text null,
        created_by_id uuid null references staff_user (id) on delete set null,
        created_at timestamptz not null default now()
      );`);

    this.addSql(`
      create table import_job (
        id uuid primary key,
        file_id uuid not null references stored_file (id),
        file_name text not null,
        format text null check (format in ('csv','xlsx')),
        mode text not null check (mode in ('upsert','create','update')),
        dry_run boolean not null default false,
        status text not null default 'queued' check (status in
          ('queued','parsing','processing','completed','failed','cancelling','cancelled','undoing','undone')),
        total integer not null default 0,
        processed integer not null default 0,
        created integer not null default 0,
        updated integer not null default 0,
        unchanged integer not null default 0,
        failed integer not null default 0,
        headers text[] not null default '{}',
        unknown_columns text[] not null default '{}',
        error_code text null,
        error text null,
        workflow_id text not null,
        undo_report jsonb null,
        created_by_id uuid null references staff_user (id) on delete set null,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        finished_at timestamptz null
      );`);
    this.addSql(`create index import_job_created_at_idx on import_job (created_at desc);`);

    // seq numbers staged rows 1..n (chunks are seq ranges); row_number is the line in the source file.
    this.addSql(`
      create table import_row (
        import_id uuid not null references import_job (id) on delete cascade,
        seq integer not null,
        row_number integer not null,
        raw text[] not null,
        data jsonb null,
        outcome text null check (outcome in ('created','updated','unchanged','failed')),
        comment text null,
        client_id uuid null,
        previous jsonb null,
        written_at timestamptz null,
        done boolean not null default false,
        undone boolean not null default false,
        primary key (import_id, seq)
      );`);
    this.addSql(
      `create index import_row_outcome_idx on import_row (import_id, outcome, row_number);`,
    );
    this.addSql(`create index import_row_row_number_idx on import_row (import_id, row_number);`);
  }

  override async down(): Promise<void> {
    this.addSql(
      `drop table if exists import_row, import_job, stored_file, client_contact, contact;`,
    );
  }
}
