import { Migration } from '@mikro-orm/migrations';
import {
  addStoredSearchText,
  dropStoredSearchText,
  type SearchedTable,
} from './stored-search-text';

/** Each table with its trigram index and the text that index covered before. */
const SEARCHED: readonly SearchedTable[] = [
  ['email_message', 'email_message_search_trgm', `to_email || ' ' || subject`],
  ['file_request', 'file_request_subject_trgm', 'subject'],
];

/**
 * The Outbox's and the file requests' searched text stored lower-cased too (see
 * Migration20261213010000).
 */
export class Migration20261213020000 extends Migration {
  override async up(): Promise<void> {
    addStoredSearchText(this, SEARCHED);
  }

  override async down(): Promise<void> {
    dropStoredSearchText(this, SEARCHED);
  }
}
