/**
 * A PostgreSQL array literal for one bound parameter (`= any(?::uuid[])`). Knex expands JS
 * arrays in raw bindings into lists, so arrays travel as one properly quoted literal instead.
 * `null` elements become SQL NULL.
 */
export const pgArray = (values: readonly (string | null)[]): string =>
  `{${values.map((v) => (v === null ? 'NULL' : `"${v.replace(/["\\]/g, (c) => `\\${c}`)}"`)).join(',')}}`;
