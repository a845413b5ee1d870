import { Migration } from '@mikro-orm/migrations';

/** Portal invitations: firm settings, contact sign-in, invitations and their tokens, outgoing email. */
export class Migration20261121030000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      alter table contact
        add column password_hash text null,
        add column accepted_at timestamptz null;`);
    this.addSql(`
      create index contact_search_trgm_idx on contact using gin
        ((coalesce(first_name,'') || ' ' || coalesce(last_name,'') || ' ' || email) gin_trgm_ops);`);

    // A session belongs to a staff user or to a contact signed into the portal, never both.
    this.addSql(`
      alter table session
        alter column staff_user_id drop not null,
        add column contact_id uuid null references contact (id) on delete cascade,
        add constraint session_one_principal check ((staff_user_id is null) <> (contact_id is null));`);
    this.addSql(`create index session_contact_idx on session (contact_id);`);

    this.addSql(`
      create table firm_settings (
        id text primary key default 'firm' check (id = 'firm'),
        firm_name text not null default 'Your firm',
        logo_url text null,
        sending_domains text[] not null default '{}',
        default_sender text null,
        reminder_interval_seconds integer not null default 259200 check (reminder_interval_seconds > 0),
        max_reminders integer not null default 3 check (max_reminders between 0 and 20),
        invitation_expiry_seconds integer not null default 1209600 check (invitation_expiry_seconds > 0),
        updated_at timestamptz not null default now()
      );`);
    this.addSql(`insert into firm_settings (id) values ('firm');`);

    this.addSql(`
      create table invitation (
        id uuid primary key,
        contact_id uuid not null references contact (id) on delete cascade,
        sender_email text not null,
        status text not null default 'pending'
          check (status in ('pending','accepted','expired','revoked','bounced')),
        reminders_sent integer not null default 0,
        max_reminders integer not null,
        reminder_interval_seconds integer not null,
        expiry_seconds integer not null,
        next_reminder_at timestamptz null,
        expires_at timestamptz not null,
        last_reminded_at timestamptz null,
        workflow_id text not null,
        -- Set by a bulk invite until its batch workflow has handled this one:
        -- start (email to queue), queued (workflow to start), resend (workflow to signal).
        batch_id uuid null,
        batch_action text null check (batch_action in ('start','queued','resend')),
        created_by_id uuid null references staff_user (id) on delete set null,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        accepted_at timestamptz null,
        ended_at timestamptz null
      );`);
    // At most one live invitation per contact: inviting again while one runs starts nothing.
    this.addSql(
      `create unique index invitation_one_pending on invitation (contact_id) where status = 'pending';`,
    );
    this.addSql(`create index invitation_contact_idx on invitation (contact_id, created_at desc);`);
    this.addSql(
      `create index invitation_batch_idx on invitation (batch_id, id) where batch_action is not null;`,
    );

    // Only hashes. Every email carries its own token; a resend revokes the earlier ones.
    this.addSql(`
      create table invitation_token (
        token_hash text primary key,
        invitation_id uuid not null references invitation (id) on delete cascade,
        created_at timestamptz not null default now(),
        revoked_at timestamptz null
      );`);
    this.addSql(
      `create index invitation_token_invitation_idx on invitation_token (invitation_id);`,
    );

    this.addSql(`
      create table invitation_event (
        id uuid primary key default gen_random_uuid(),
        invitation_id uuid not null references invitation (id) on delete cascade,
        contact_id uuid not null references contact (id) on delete cascade,
        kind text not null check (kind in ('invited','reminder_sent','resent','delivered','bounced',
          'soft_bounced','complained','accepted','revoked','expired','send_failed')),
        detail text null,
        at timestamptz not null default now()
      );`);
    this.addSql(
      `create index invitation_event_contact_idx on invitation_event (contact_id, at desc);`,
    );

    this.addSql(`
      create table email_message (
        id uuid primary key,
        kind text not null check (kind in ('invitation','reminder')),
        idempotency_key text not null unique,
        to_email text not null,
        from_email text not null,
        subject text not null,
        html_body text null,
        text_body text null,
        links jsonb not null default '[]',
        status text not null default 'queued' check (status in
          ('queued','sending','sent','delivered','bounced','complained','failed','cancelled','recorded')),
        batch_id uuid null,
        provider_id text null unique,
        error text null,
        contact_id uuid null references contact (id) on delete set null,
        invitation_id uuid null references invitation (id) on delete set null,
        created_at timestamptz not null default now(),
        sent_at timestamptz null,
        delivered_at timestamptz null,
        updated_at timestamptz not null default now()
      );`);
    this.addSql(`create index email_message_created_idx on email_message (created_at desc);`);
    this.addSql(
      `create index email_message_queue_idx on email_message (created_at) where status in ('queued','sending');`,
    );
    this.addSql(`create index email_message_contact_idx on email_message (contact_id);`);

    this.addSql(`
      create table email_suppression (
        email text primary key check (email = lower(email)),
        reason text not null check (reason in ('bounced','complained')),
        detail text null,
        created_at timestamptz not null default now()
      );`);

    // Delivery webhooks are retried by the sender: each message id is applied once.
    this.addSql(`
      create table webhook_receipt (
        id text primary key,
        received_at timestamptz not null default now()
      );`);

    // client.portal_status mirrors the primary contact's status (the list filters on it).
    // Statement-level with transition tables, so an import's bulk insert costs one join.
    this.addSql(`
      create function sync_client_portal_status_from_contact() returns trigger language plpgsql as $$
      begin
        update client c set portal_status = n.portal_status
          from new_contacts n join client_contact cc on cc.contact_id = n.id and cc.is_primary
          where c.id = cc.client_id and c.portal_status <> n.portal_status;
        return null;
      end $$;`);
    this.addSql(`
      create trigger contact_portal_status_sync after update on contact
        referencing new table as new_contacts
        for each statement execute function sync_client_portal_status_from_contact();`);
    this.addSql(`
      create function sync_client_portal_status_from_link() returns trigger language plpgsql as $$
      begin
        update client c set portal_status = ct.portal_status
          from new_links l join contact ct on ct.id = l.contact_id
          where l.is_primary and c.id = l.client_id and c.portal_status <> ct.portal_status;
        return null;
      end $$;`);
    this.addSql(`
      create trigger client_contact_portal_status_sync after insert on client_contact
        referencing new table as new_links
        for each statement execute function sync_client_portal_status_from_link();`);
    // A primary link removed (contact deleted, client unlinked): the client falls back to its
    // new primary contact's status, or to not invited.
    this.addSql(`
      create function sync_client_portal_status_after_unlink() returns trigger language plpgsql as $$
      begin
        update client c set portal_status = coalesce((
            select ct.portal_status from client_contact cc join contact ct on ct.id = cc.contact_id
            where cc.client_id = c.id and cc.is_primary), 'not_invited')
          where c.id in (select client_id from old_links where is_primary);
        return null;
      end $$;`);
    this.addSql(`
      create trigger client_contact_portal_status_unlink after delete on client_contact
        referencing old table as old_links
        for each statement execute function sync_client_portal_status_after_unlink();`);
  }
}
