import type { Migration } from '@mikro-orm/migrations';

/** A table, its trigram index, and the text that index covered before the stored column. */
export type SearchedTable = readonly [table: string, index: string, text: string];

/**
 * Each table's searched text as a stored, lower-cased column with the trigram index moved onto
 * it, and its statistics. The index is dropped first (the rewrite would rebuild it). The vacuum
 * after migrations analyses a rewritten table again, but skips an empty one, which on a new
 * database only this marks as analysed (its size then counts, where a never-analysed table is
 * planned as ten pages).
 */
export function addStoredSearchText(m: Migration, tables: readonly SearchedTable[]): void {
  for (const [table, index, text] of tables) {
    m.addSql(`drop index ${index};`);
    m.addSql(
      `alter table ${table} add column search_text text generated always as (lower(${text})) stored;`,
    );
    m.addSql(`create index ${index} on ${table} using gin (search_text gin_trgm_ops);`);
    m.addSql(`analyze ${table} (search_text);`);
  }
}

/**
 * The searched text back as the trigram index's expression. Dropping a column does not rewrite
 * the table, so nothing else analyses it.
 */
export function dropStoredSearchText(m: Migration, tables: readonly SearchedTable[]): void {
  for (const [table, index, text] of tables) {
    m.addSql(`drop index ${index};`);
    m.addSql(`alter table ${table} drop column search_text;`);
    m.addSql(`create index ${index} on ${table} using gin ((${text}) gin_trgm_ops);`);
    m.addSql(`analyze ${table};`);
  }
}
