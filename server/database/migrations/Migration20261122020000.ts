import { Migration } from '@mikro-orm/migrations';

/**
 * Sharing: staff and contact groups, and grants of per-client roles to staff, staff groups and
 * contact groups (a contact's direct role on a client stays on client_contact). Two views give
 * the effective access, direct ∪ through groups, with the group it comes from.
 */
export class Migration20261122020000 extends Migration {
  override async up(): Promise<void> {
    for (const kind of ['staff', 'contact']) {
      const member = kind === 'staff' ? 'staff_user' : 'contact';
      this.addSql(`
        create table ${kind}_group (
          id uuid primary key default gen_random_uuid(),
          name text not null,
          description text null,
          created_at timestamptz not null default now(),
          updated_at timestamptz not null default now()
        );`);
      this.addSql(`create unique index ${kind}_group_name_unique on ${kind}_group (lower(name));`);
      this.addSql(`
        create table ${kind}_group_member (
          group_id uuid not null references ${kind}_group (id) on delete cascade,
          ${member}_id uuid not null references ${member} (id) on delete cascade,
          primary key (group_id, ${member}_id)
        );`);
      this.addSql(`create index ${kind}_group_member_idx on ${kind}_group_member (${member}_id);`);
    }
    this.addSql(`
      create table client_grant (
        id uuid primary key default gen_random_uuid(),
        client_id uuid not null references client (id) on delete cascade,
        staff_user_id uuid null references staff_user (id) on delete cascade,
        staff_group_id uuid null references staff_group (id) on delete cascade,
        contact_group_id uuid null references contact_group (id) on delete cascade,
        role text not null,
        created_at timestamptz not null default now(),
        check (num_nonnulls(staff_user_id, staff_group_id, contact_group_id) = 1),
        check ((contact_group_id is null and role in ('owner','viewer'))
          or (contact_group_id is not null and role in ('contact_access','contact_collaborator')))
      );`);
    for (const column of ['staff_user_id', 'staff_group_id', 'contact_group_id']) {
      this.addSql(
        `create unique index client_grant_${column}_unique on client_grant (${column}, client_id) where ${column} is not null;`,
      );
    }
    this.addSql(`create index client_grant_client_idx on client_grant (client_id);`);
    this.addSql(`
      create view staff_client_access as
        select g.client_id, g.staff_user_id, g.role, null::uuid as via_group_id
        from client_grant g where g.staff_user_id is not null
        union all
        select g.client_id, m.staff_user_id, g.role, g.staff_group_id
        from client_grant g join staff_group_member m on m.group_id = g.staff_group_id;`);
    this.addSql(`
      create view contact_client_access as
        select cc.client_id, cc.contact_id, cc.role, null::uuid as via_group_id
        from client_contact cc
        union all
        select g.client_id, m.contact_id, g.role, g.contact_group_id
        from client_grant g join contact_group_member m on m.group_id = g.contact_group_id;`);
  }
}
