import { Migration } from '@mikro-orm/migrations';

/**
 * A referencing column, and the index PostgreSQL reads when the row it points to is deleted (to
 * cascade, set null, or refuse while it is referenced).
 */
const INDEXES: [name: string, table: string, column: string, nullable: boolean][] = [
  ['invitation_event_invitation_idx', 'invitation_event', 'invitation_id', false],
  ['email_message_invitation_idx', 'email_message', 'invitation_id', true],
  ['email_message_file_request_idx', 'email_message', 'file_request_id', true],
  ['file_request_item_updates_file_idx', 'file_request_item', 'updates_file_id', true],
  ['file_request_attachment_file_idx', 'file_request_attachment', 'file_id', false],
  ['file_request_event_contact_idx', 'file_request_event', 'contact_id', true],
  ['file_request_event_item_idx', 'file_request_event', 'item_id', true],
  ['campaign_segment_idx', 'campaign', 'segment_id', true],
  ['campaign_recipient_contact_idx', 'campaign_recipient', 'contact_id', false],
  ['campaign_recipient_client_idx', 'campaign_recipient', 'client_id', true],
  ['mfa_challenge_contact_idx', 'mfa_challenge', 'contact_id', true],
  ['import_job_real_import_idx', 'import_job', 'real_import_id', true],
  ['playbook_trigger_tag_idx', 'playbook', 'trigger_tag_id', true],
];

/**
 * Deleting a row makes PostgreSQL find the rows that reference it (to cascade or set null) one
 * deleted row at a time; without an index that leads with the referencing column that is a read
 * of the whole table each time. Deleting a file request read the whole Outbox (500 requests
 * against 500,000 messages: 88 s), and undoing an import read every campaign recipient for each
 * client it deleted. A nullable column is indexed where it is set: a lookup by value never needs
 * the empty rows, and rows written without it add nothing. Nothing an import writes has these
 * columns. A playbook's tag index held only tag triggers, which a tag's deletion cannot prove it
 * looks for; the new one holds the same rows.
 */
export class Migration20261212010000 extends Migration {
  override async up(): Promise<void> {
    for (const [name, table, column, nullable] of INDEXES) {
      const where = nullable ? ` where ${column} is not null` : '';
      this.addSql(`create index ${name} on ${table} (${column})${where};`);
    }
    this.addSql('drop index playbook_tag_trigger_idx;');
  }

  override async down(): Promise<void> {
    this.addSql(
      `create index playbook_tag_trigger_idx on playbook (trigger_tag_id) where trigger_type = 'tag_added';`,
    );
    for (const [name] of INDEXES) this.addSql(`drop index ${name};`);
  }
}
