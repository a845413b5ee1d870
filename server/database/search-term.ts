import { escapeLike } from '../common/http/escape-like';
import type { SqlFragment } from './sql-fragment';

/**
 * Terms this long or longer match anywhere in a record, through its trigram index. A trigram
 * index cannot serve a shorter term, so a one- or two-letter term (what people type first)
 * matches the start of a name, email or id instead, through that field's sort index; "q" finds
 * the Quigleys at once instead of reading every row for a q somewhere inside.
 */
export const ANYWHERE_FROM_LENGTH = 3;

/** A field a short term may start: its expression, with the btree index it is sorted by. */
export interface StartField {
  sql: string;
  /** How the field is stored for its index: lower case (names, emails) or upper (ids). */
  fold: 'lower' | 'upper';
}

export interface SearchFields {
  /** The expression the trigram index covers. */
  anywhere: string;
  starts: StartField[];
}

/** The smallest string after every string starting with `prefix` (its last letter plus one). */
const after = (prefix: string) => {
  const letters = [...prefix];
  const last = letters.pop()?.codePointAt(0) ?? 0;
  return letters.join('') + String.fromCodePoint(last + 1);
};

/**
 * The condition for search term `q`. A short term is a range on each field's index (exactly the
 * strings that start with it, in code point order), checked with LIKE as well so a collation
 * that orders otherwise can only narrow the range, never add to it.
 */
export function searchCondition(q: string, fields: SearchFields): SqlFragment {
  if ([...q].length >= ANYWHERE_FROM_LENGTH) {
    return { sql: `${fields.anywhere} ilike ?`, params: [`%${escapeLike(q)}%`] };
  }
  const parts = fields.starts.map((f) => `(${f.sql} >= ? and ${f.sql} < ? and ${f.sql} like ?)`);
  return {
    sql: `(${parts.join(' or ')})`,
    params: fields.starts.flatMap((f) => {
      const start = f.fold === 'lower' ? q.toLowerCase() : q.toUpperCase();
      return [start, after(start), `${escapeLike(start)}%`];
    }),
  };
}
