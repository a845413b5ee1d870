/**
 * A PostgreSQL array literal for one bound parameter (`= any(?::uuid[])`). Knex expands JS
 * arrays in raw bindings into lists, so arrays travel as one properly quoted literal instead.
 */
export const pgArray = (values: readonly string[]): string =>
  `{${values.map((v) => `"${v.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`;
