import { Migration } from '@mikro-orm/migrations';

/** A client's workspace of files: versions (content in the store), and shares with contacts. */
export class Migration20261122030000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table client_file (
        id uuid primary key default gen_random_uuid(),
        client_id uuid not null references client (id) on delete cascade,
        name text not null,
        current_version integer not null default 1,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      );`);
    this.addSql(`create index client_file_client_idx on client_file (client_id, lower(name));`);
    this.addSql(`
      create table client_file_version (
        file_id uuid not null references client_file (id) on delete cascade,
        version integer not null,
        stored_file_id uuid not null references stored_file (id),
        content_type text not null,
        size bigint not null,
        uploaded_by_staff_id uuid null references staff_user (id) on delete set null,
        uploaded_by_contact_id uuid null references contact (id) on delete set null,
        created_at timestamptz not null default now(),
        primary key (file_id, version)
      );`);
    this.addSql(
      `create index client_file_version_contact_idx on client_file_version (uploaded_by_contact_id) where uploaded_by_contact_id is not null;`,
    );
    this.addSql(`
      create table client_file_share (
        file_id uuid not null references client_file (id) on delete cascade,
        contact_id uuid not null references contact (id) on delete cascade,
        created_at timestamptz not null default now(),
        primary key (file_id, contact_id)
      );`);
    this.addSql(`create index client_file_share_contact_idx on client_file_share (contact_id);`);
  }
}
