/** A piece of SQL with `?` placeholders and their values, in order. */
export interface SqlFragment {
  sql: string;
  params: unknown[];
}
