/**
 * Statements of an import transaction that must use index lookups only: an import grows
 * client, contact and their links by thousands of rows a second, far faster than autovacuum
 * re-analyses them, and on stale statistics the planner hashed whole tables for each chunk's
 * thousand keys (quadratic over an import). Run one by one, inside the transaction.
 */
export const INDEX_LOOKUPS_ONLY = [
  'set local enable_seqscan = off',
  'set local enable_hashjoin = off',
  'set local enable_mergejoin = off',
];
