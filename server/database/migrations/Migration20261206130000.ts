import { Migration } from '@mikro-orm/migrations';

/**
 * Indexes for the audit trail, Outbox and file-request lists at volume: one (sort key, id)
 * index per sort order, so a page is a walk in index order whichever way it is sorted, trigram
 * indexes for their searches, and no index that no list or job reads. Audit events recorded
 * before client_ids existed list their client there too, so one index finds a client's events.
 */
export class Migration20261206130000 extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table audit_event disable trigger audit_event_append_only;');
    this.addSql(
      `update audit_event set client_ids = array[client_id] || client_ids
       where client_id is not null and not client_ids @> array[client_id];`,
    );
    this.addSql('alter table audit_event enable trigger audit_event_append_only;');
    this.addSql('drop index audit_event_client_idx;');
    this.addSql('drop index audit_event_at_idx;');
    this.addSql('create index audit_event_at_idx on audit_event (at, id);');
    this.addSql('drop index audit_event_action_idx;');
    this.addSql('create index audit_event_action_idx on audit_event (action, id);');
    this.addSql('create index audit_event_target_idx on audit_event (target_id);');
    this.addSql(
      `create index audit_event_search_trgm on audit_event
       using gin ((coalesce(actor_email, '') || ' ' || summary) gin_trgm_ops);`,
    );

    this.addSql('drop index email_message_created_idx;');
    this.addSql('create index email_message_created_idx on email_message (created_at, id);');
    this.addSql('create index email_message_to_idx on email_message (lower(to_email), id);');
    this.addSql('create index email_message_status_idx on email_message (status, id);');
    this.addSql(
      `create index email_message_search_trgm on email_message
       using gin ((to_email || ' ' || subject) gin_trgm_ops);`,
    );

    this.addSql('drop index file_request_activity_idx;');
    this.addSql('create index file_request_activity_idx on file_request (last_activity_at, id);');
    this.addSql('create index file_request_created_idx on file_request (created_at, id);');
    this.addSql('create index file_request_due_idx on file_request (due_at, id);');
    this.addSql(
      'create index file_request_due_desc_idx on file_request (due_at desc nulls last, id desc);',
    );
    this.addSql('create index file_request_subject_idx on file_request (lower(subject), id);');
    this.addSql('create index file_request_status_id_idx on file_request (status, id);');
    // Statistics on the trigram indexes' expressions, gathered now rather than after the next
    // tenth of the table is written: without them PostgreSQL guesses a search's matches from the
    // pattern alone, and may collect a common term's every match to sort them.
    this.addSql('analyze audit_event, email_message, file_request;');
  }

  override async down(): Promise<void> {
    for (const index of [
      'file_request_status_id_idx',
      'file_request_subject_idx',
      'file_request_due_desc_idx',
      'file_request_due_idx',
      'file_request_created_idx',
      'file_request_activity_idx',
      'email_message_search_trgm',
      'email_message_status_idx',
      'email_message_to_idx',
      'email_message_created_idx',
      'audit_event_search_trgm',
      'audit_event_target_idx',
      'audit_event_action_idx',
      'audit_event_at_idx',
    ])
      this.addSql(`drop index ${index};`);
    this.addSql('create index file_request_activity_idx on file_request (last_activity_at desc);');
    this.addSql('create index email_message_created_idx on email_message (created_at desc);');
    this.addSql('create index audit_event_action_idx on audit_event (action, at desc);');
    this.addSql('create index audit_event_at_idx on audit_event (at desc, id);');
    this.addSql(
      'create index audit_event_client_idx on audit_event (client_id, at desc) where client_id is not null;',
    );
  }
}
