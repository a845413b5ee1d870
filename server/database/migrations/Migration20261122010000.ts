import { Migration } from '@mikro-orm/migrations';

/** The audit trail: who did what to which record, when and from where. Append-only. */
export class Migration20261122010000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table audit_event (
        id uuid primary key default gen_random_uuid(),
        at timestamptz not null default now(),
        actor_type text not null check (actor_type in ('staff','contact','system','anonymous')),
        actor_id uuid null,
        actor_email text null,
        action text not null,
        target_type text null,
        target_id uuid null,
        -- No foreign keys: the trail outlives the records it speaks of.
        client_id uuid null,
        summary text not null,
        detail jsonb null,
        ip text null,
        user_agent text null
      );`);
    this.addSql(`create index audit_event_at_idx on audit_event (at desc, id);`);
    this.addSql(
      `create index audit_event_client_idx on audit_event (client_id, at desc) where client_id is not null;`,
    );
    this.addSql(`create index audit_event_actor_idx on audit_event (actor_id, at desc);`);
    this.addSql(`create index audit_event_action_idx on audit_event (action, at desc);`);
    this.addSql(`
      create function audit_event_append_only() returns trigger language plpgsql as $$
      begin
        raise exception 'the audit trail is append-only';
      end $$;`);
    this.addSql(`
      create trigger audit_event_append_only before update or delete on audit_event
        for each statement execute function audit_event_append_only();`);
  }
}
