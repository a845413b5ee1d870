import { Migration } from '@mikro-orm/migrations';

/** Each table with its trigram index and the text that index covered before. */
const SEARCHED = [
  ['email_message', 'email_message_search_trgm', `to_email || ' ' || subject`],
  ['file_request', 'file_request_subject_trgm', 'subject'],
] as const;

/**
 * The Outbox's and the file requests' searched text stored lower-cased too (see
 * Migration20261213010000), with statistics on the new columns: without them PostgreSQL guesses
 * a search's matches from the pattern alone until the next analysis.
 */
export class Migration20261213020000 extends Migration {
  override async up(): Promise<void> {
    for (const [table, index, text] of SEARCHED) {
      // Dropped first: the rewrite would rebuild it.
      this.addSql(`drop index ${index};`);
      this.addSql(
        `alter table ${table} add column search_text text generated always as (lower(${text})) stored;`,
      );
      this.addSql(`create index ${index} on ${table} using gin (search_text gin_trgm_ops);`);
      this.addSql(`analyze ${table} (search_text);`);
    }
  }

  override async down(): Promise<void> {
    for (const [table, index, text] of SEARCHED) {
      this.addSql(`drop index ${index};`);
      this.addSql(`alter table ${table} drop column search_text;`);
      this.addSql(`create index ${index} on ${table} using gin ((${text}) gin_trgm_ops);`);
      this.addSql(`analyze ${table};`);
    }
  }
}
