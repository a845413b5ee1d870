import { Migration } from '@mikro-orm/migrations';

/** Staff, sessions, clients and tags. */
export class Migration20261121000000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create extension if not exists pg_trgm;`);

    this.addSql(`
      create table staff_user (
        id uuid primary key,
        email text not null,
        first_name text not null,
        last_name text not null,
        password_hash text not null,
        roles text[] not null default '{staff}',
        active boolean not null default true,
        last_login_at timestamptz null,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        constraint staff_user_roles_check check (roles <@ array['staff_admin','entities_admin','staff']::text[])
      );`);
    this.addSql(`create unique index staff_user_email_unique on staff_user (lower(email));`);

    this.addSql(`
      create table session (
        token_hash text primary key,
        staff_user_id uuid not null references staff_user (id) on delete cascade,
        created_at timestamptz not null default now(),
        expires_at timestamptz not null,
        last_seen_at timestamptz not null default now(),
        ip text null,
        user_agent text null,
        revoked_at timestamptz null
      );`);
    this.addSql(`create index session_staff_user_idx on session (staff_user_id);`);

    this.addSql(`
      create table login_throttle (
        login text primary key,
        failures integer not null default 0,
        locked_until timestamptz null,
        updated_at timestamptz not null default now()
      );`);

    this.addSql(`
      create table tag (
        id uuid primary key,
        name text not null,
        color text not null check (color ~ '^#[0-9a-f]{6}$'),
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      );`);
    this.addSql(`create unique index tag_name_unique on tag (lower(name));`);

    this.addSql(`
      create table client (
        id uuid primary key,
        type text not null default 'standard' check (type in ('standard','offline')),
        first_name text null,
        last_name text null,
        company_name text null,
        display_name text not null,
        email text null,
        phone text null,
        street text null,
        city text null,
        state text null,
        postal_code text null,
        tax_client_id text null,
        connection_status text not null default 'not_connected'
          check (connection_status in ('not_connected','connected','offline','duplicate')),
        portal_status text not null default 'not_invited'
          check (portal_status in ('not_invited','invited','accepted','expired','revoked','bounced')),
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        constraint client_status_matches_type check (
          (type = 'standard' and connection_status in ('not_connected','connected'))
          or (type = 'offline' and connection_status in ('offline','duplicate')))
      );`);
    this.addSql(
      `create unique index client_tax_client_id_standard_unique on client (tax_client_id) where type = 'standard' and tax_client_id is not null;`,
    );
    this.addSql(`create index client_tax_client_id_idx on client (tax_client_id);`);
    this.addSql(`create index client_display_name_idx on client (lower(display_name), id);`);
    this.addSql(`create index client_last_name_idx on client (lower(last_name), id);`);
    this.addSql(`create index client_first_name_idx on client (lower(first_name), id);`);
    this.addSql(`create index client_company_name_idx on client (lower(company_name), id);`);
    this.addSql(`create index client_email_idx on client (lower(email), id);`);
    this.addSql(`create index client_created_at_idx on client (created_at, id);`);
    this.addSql(`create index client_updated_at_idx on client (updated_at, id);`);
    this.addSql(`create index client_type_idx on client (type, lower(display_name));`);
    this.addSql(
      `create index client_portal_status_idx on client (portal_status, lower(display_name));`,
    );
    this.addSql(
      `create index client_connection_status_idx on client (connection_status, lower(display_name));`,
    );
    // Free-text search (name, email, tax client id) is a substring match: a trigram index keeps it fast.
    this.addSql(`
      create index client_search_trgm_idx on client using gin (
        (coalesce(display_name,'') || ' ' || coalesce(first_name,'') || ' ' || coalesce(last_name,'')
          || ' ' || coalesce(email,'') || ' ' || coalesce(tax_client_id,'')) gin_trgm_ops);`);

    this.addSql(`
      create table client_tag (
        client_id uuid not null references client (id) on delete cascade,
        tag_id uuid not null references tag (id) on delete cascade,
        created_at timestamptz not null default now(),
        primary key (client_id, tag_id)
      );`);
    this.addSql(`create index client_tag_tag_idx on client_tag (tag_id, client_id);`);
  }

  override async down(): Promise<void> {
    this.addSql(
      `drop table if exists client_tag, client, tag, login_throttle, session, staff_user;`,
    );
  }
}
