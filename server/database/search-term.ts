import { escapeLike } from '../common/http/escape-like';
import { filterSetsOnly } from '../common/http/list-query';
import type { SqlFragment } from './sql-fragment';

/**
 * Terms this long or longer match anywhere in a record, through its trigram index. A trigram
 * index cannot serve a shorter term anywhere, so a one- or two-letter term (what people type
 * first) matches the start of a name, email or id instead, through that field's sort index, or
 * the start of a word; "q" finds the Quigleys at once instead of reading every row for a q
 * somewhere inside.
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
  /**
   * `anywhere` is stored lower-cased: a term is lower-cased once and matched with LIKE, which
   * costs a quarter of ILIKE's folding of every row's text.
   */
  folded?: boolean;
  /**
   * Fields a short term starts, through their sort indexes. Without them a short term matches
   * the start of any word of `anywhere`, through the trigram index (see wordStart).
   */
  starts?: StartField[];
}

/**
 * What may come before a word. pg_trgm reads a listed class as a word break and looks up the
 * term's word-start trigrams ("  q", " qu"); a negated class such as [^[:alnum:]] is too wide
 * for it, and it reads the whole index instead, as it does for a class holding typographic
 * dashes or quotes (U+2013, U+201C: W-2 read all 300,000 requests' entries, not 23,051).
 */
const WORD_BREAK = `(^|[- \t\n\u00a0.,;:!?@#&*+=/\\|_()\\[\\]{}<>"'%$~\u00ab\u00bb])`;

const escapeRegex = (s: string) => s.replace(/[\\^$.*+?()[\]{}|-]/g, (c) => `\\${c}`);

/** Letters and digits, nothing else: a term pg_trgm reads as one word. */
const ONE_WORD = /^[\p{L}\p{N}]+$/u;
const STARTS_WORD = /^[\p{L}\p{N}]/u;

/**
 * `expression` has `q` (any case) where a word starts, found through its trigram index. A term
 * that starts with a separator ("@example") is its own word break.
 */
const wordStart = (expression: string, q: string): SqlFragment => ({
  sql: `${expression} ~* ?`,
  params: [`${STARTS_WORD.test(q) ? WORD_BREAK : ''}${escapeRegex(q)}`],
});

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
 *
 * A longer term with a separator ("W-2", "TX-0012", "ada lovelace") matches where a word starts.
 * Anywhere, pg_trgm could only look up the trigrams it is sure every match has, which for
 * "W-2" are those of a word starting with 2 (every dated subject): the index handed over all
 * 300,000 requests to recheck. At a word start, "W" is a whole word (" w "), which only the
 * W-2 requests have.
 */
export function searchCondition(q: string, fields: SearchFields): SqlFragment {
  if ([...q].length >= ANYWHERE_FROM_LENGTH) {
    if (!ONE_WORD.test(q)) return wordStart(fields.anywhere, q);
    // Letters and digits only: nothing in the term for LIKE to read as a wildcard.
    const like = fields.folded ? 'like lower(?)' : 'ilike ?';
    return { sql: `${fields.anywhere} ${like}`, params: [`%${q}%`] };
  }
  if (!fields.starts) return wordStart(fields.anywhere, q);
  const parts = fields.starts.map((f) => `(${f.sql} >= ? and ${f.sql} < ? and ${f.sql} like ?)`);
  return {
    sql: `(${parts.join(' or ')})`,
    params: fields.starts.flatMap((f) => {
      const start = f.fold === 'lower' ? q.toLowerCase() : q.toUpperCase();
      return [start, after(start), `${escapeLike(start)}%`];
    }),
  };
}

/**
 * A term of letters and digits and nothing else, whose matches an index finds (nearly) alone:
 * from three letters pg_trgm looks up its inner trigrams, which only the rows that hold it have;
 * a shorter one is a range of each start field's btree index, or the trigrams of a word starting
 * with it (a row whose word follows a break pg_trgm knows and WORD_BREAK leaves out, such as a
 * typographic quote, is handed over too, and rechecked). A separator ("TX-00") adds
 * word-boundary trigrams, such as "tx " in every tax id, so that index hands over far more rows
 * than match.
 */
const isWordTerm = (q: string | undefined): boolean => !!q && ONE_WORD.test(q);

/**
 * Whether a list filter is such a term and nothing else (`modifiers` qualify other filters, such
 * as the tag mode), so its index finds exactly the matches as a bitmap: a list may then read a
 * range of its sort index intersected with it (SampledListSpec.rangeable).
 */
export const isWordTermAlone = (
  filter: { q?: string } & Record<string, unknown>,
  modifiers: readonly string[] = [],
): boolean => isWordTerm(filter.q) && filterSetsOnly(filter, ['q', ...modifiers]);

/**
 * Whether `q` is matched as the start of each start field, through their indexes (several
 * ranges, see searchCondition), rather than through one trigram index (SampledListSpec.startRanges).
 */
export const matchesStarts = (q: string | undefined, fields: SearchFields): boolean =>
  !!q && !!fields.starts && [...q].length < ANYWHERE_FROM_LENGTH;
