import { Migration } from '@mikro-orm/migrations';

/**
 * The Outbox's and the file requests' searched text stored lower-cased too (see
 * Migration20261213010000), with statistics on the new columns: without them PostgreSQL guesses
 * a search's matches from the pattern alone until the next analysis.
 */
export class Migration20261213020000 extends Migration {
  override async up(): Promise<void> {
    this.addSql('drop index email_message_search_trgm;');
    this.addSql(
      `alter table email_message add column search_text text
       generated always as (lower(to_email || ' ' || subject)) stored;`,
    );
    this.addSql(
      'create index email_message_search_trgm on email_message using gin (search_text gin_trgm_ops);',
    );
    this.addSql('drop index file_request_subject_trgm;');
    this.addSql(
      'alter table file_request add column search_text text generated always as (lower(subject)) stored;',
    );
    this.addSql(
      'create index file_request_subject_trgm on file_request using gin (search_text gin_trgm_ops);',
    );
    this.addSql('analyze email_message (search_text), file_request (search_text);');
  }

  override async down(): Promise<void> {
    this.addSql('drop index email_message_search_trgm;');
    this.addSql('alter table email_message drop column search_text;');
    this.addSql(
      `create index email_message_search_trgm on email_message
       using gin ((to_email || ' ' || subject) gin_trgm_ops);`,
    );
    this.addSql('drop index file_request_subject_trgm;');
    this.addSql('alter table file_request drop column search_text;');
    this.addSql(
      'create index file_request_subject_trgm on file_request using gin (subject gin_trgm_ops);',
    );
    this.addSql('analyze email_message, file_request;');
  }
}
