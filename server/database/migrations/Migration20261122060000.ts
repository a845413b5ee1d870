import { Migration } from '@mikro-orm/migrations';

/**
 * Request templates (reusable file requests) and playbooks: a trigger and ordered steps, run
 * once per client as a `playbook-run` workflow recorded in playbook_run. Tag changes start and
 * cancel runs from triggers on client_tag, so every path that tags clients (edit, bulk, import,
 * a playbook's own steps) is covered with one set-based statement.
 */
export class Migration20261122060000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table request_template (
        id uuid primary key default gen_random_uuid(),
        name text not null,
        subject text not null,
        description text null,
        message text null,
        items jsonb not null default '[]',
        due_in_days integer null check (due_in_days between 1 and 365),
        created_by_staff_id uuid null references staff_user (id) on delete set null,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      );`);
    this.addSql(
      `create unique index request_template_name_unique on request_template (lower(name));`,
    );

    // The trigger tag is a real reference (a used tag cannot be deleted); steps stay JSON.
    this.addSql(`
      create table playbook (
        id uuid primary key default gen_random_uuid(),
        name text not null,
        enabled boolean not null default true,
        trigger_type text not null check (trigger_type in ('tag_added','invitation_accepted','yearly')),
        trigger_tag_id uuid null references tag (id),
        trigger_month integer null check (trigger_month between 1 and 12),
        trigger_day integer null check (trigger_day between 1 and 31),
        steps jsonb not null,
        created_by_staff_id uuid null references staff_user (id) on delete set null,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        constraint playbook_trigger_shape check (
          (trigger_type = 'tag_added' and trigger_tag_id is not null
            and trigger_month is null and trigger_day is null)
          or (trigger_type = 'invitation_accepted' and trigger_tag_id is null
            and trigger_month is null and trigger_day is null)
          or (trigger_type = 'yearly' and trigger_month is not null and trigger_day is not null))
      );`);
    this.addSql(`create unique index playbook_name_unique on playbook (lower(name));`);
    this.addSql(
      `create index playbook_tag_trigger_idx on playbook (trigger_tag_id) where trigger_type = 'tag_added';`,
    );

    // Steps are copied into the run: an edited playbook changes new runs, not ones under way.
    this.addSql(`
      create table playbook_run (
        id uuid primary key default gen_random_uuid(),
        playbook_id uuid null references playbook (id) on delete set null,
        playbook_name text not null,
        client_id uuid not null references client (id) on delete cascade,
        trigger_type text not null,
        occurrence text not null default '',
        steps jsonb not null,
        status text not null default 'running'
          check (status in ('running','completed','cancelled','failed')),
        current_step integer null,
        wake_at timestamptz null,
        log jsonb not null default '[]',
        error text null,
        cancel_reason text null,
        workflow_id text null,
        temporal_run_id text null,
        workflow_started_at timestamptz null,
        workflow_ended_at timestamptz null,
        started_at timestamptz not null default now(),
        finished_at timestamptz null
      );`);
    // A trigger firing twice starts one run: one running run per playbook and client, and one
    // run ever per occurrence that has a name ('accepted', a year).
    this.addSql(`
      create unique index playbook_run_once on playbook_run (playbook_id, client_id, occurrence)
        where status = 'running' or occurrence <> '';`);
    this.addSql(
      `create index playbook_run_playbook_idx on playbook_run (playbook_id, started_at desc);`,
    );
    this.addSql(
      `create index playbook_run_client_idx on playbook_run (client_id, started_at desc);`,
    );
    this.addSql(
      `create index playbook_run_to_start_idx on playbook_run (id) where status = 'running' and workflow_started_at is null;`,
    );
    this.addSql(
      `create index playbook_run_to_stop_idx on playbook_run (id) where status <> 'running' and workflow_started_at is not null and workflow_ended_at is null;`,
    );

    this.addSql(`
      create function start_tag_playbooks() returns trigger language plpgsql as $$
      begin
        insert into playbook_run (playbook_id, playbook_name, client_id, trigger_type, steps)
          select p.id, p.name, a.client_id, 'tag_added', p.steps
          from added_tags a join playbook p on p.trigger_tag_id = a.tag_id
          where p.trigger_type = 'tag_added' and p.enabled
          on conflict do nothing;
        return null;
      end $$;`);
    this.addSql(`
      create trigger client_tag_start_playbooks after insert on client_tag
        referencing new table as added_tags
        for each statement execute function start_tag_playbooks();`);
    // A run removing its own trigger tag (a last step "remove tag") names itself, so it is spared.
    this.addSql(`
      create function cancel_tag_playbooks() returns trigger language plpgsql as $$
      begin
        update playbook_run r set status = 'cancelled', finished_at = now(), wake_at = null,
            cancel_reason = 'The triggering tag was removed from the client'
          from removed_tags x join playbook p on p.trigger_tag_id = x.tag_id
          where p.trigger_type = 'tag_added' and r.playbook_id = p.id
            and r.client_id = x.client_id and r.status = 'running'
            and r.id::text is distinct from current_setting('clienthub.playbook_run_id', true);
        return null;
      end $$;`);
    this.addSql(`
      create trigger client_tag_cancel_playbooks after delete on client_tag
        referencing old table as removed_tags
        for each statement execute function cancel_tag_playbooks();`);

    // A request a playbook step made, found again by a retried step instead of made twice.
    this.addSql(`
      alter table file_request
        add column playbook_run_id uuid null references playbook_run (id) on delete set null,
        add column playbook_step integer null;`);
    this.addSql(
      `create unique index file_request_playbook_step_unique on file_request (playbook_run_id, playbook_step) where playbook_run_id is not null;`,
    );

    this.addSql(`alter table email_message drop constraint email_message_kind_check;`);
    this.addSql(`
      alter table email_message add constraint email_message_kind_check check (kind in
        ('invitation','reminder','file_request','file_request_reminder','file_request_digest',
         'campaign','playbook'));`);
  }
}
