import {
  choosePlan,
  pageSql,
  probeSql,
  tableRowsSql,
  type ListPlan,
  type SampledListSpec,
  type SampleProbe,
} from '../../server/database/sampled-list';
import type { TestApp } from './test-app';

/** `?` placeholders as PostgreSQL's numbered ones. */
export const numbered = (sql: string) => {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
};

/** The form sampledList chooses for `spec`, from the same sample it would take. */
export async function planOf(t: TestApp, spec: SampledListSpec): Promise<ListPlan> {
  const [{ rows }] = await t.query<{ rows: number }>(tableRowsSql(spec.table));
  const probe = probeSql(spec, rows);
  const [sample] = await t.query<Omit<SampleProbe, 'tableRows'>>(numbered(probe.sql), probe.params);
  return choosePlan(spec, { ...sample, tableRows: rows });
}

/** The plan PostgreSQL runs for the page of `spec` in `plan`'s form, as JSON text. */
export async function explainPage(
  t: TestApp,
  spec: SampledListSpec,
  plan: ListPlan,
): Promise<string> {
  const page = pageSql(spec, plan);
  const [row] = await t.query<{ 'QUERY PLAN': unknown }>(
    `explain (format json) ${numbered(page.sql)}`,
    page.params,
  );
  return JSON.stringify(row['QUERY PLAN']);
}

/** A plan node that sorts rows (a full or incremental sort) rather than reading them in order. */
export const SORT_NODE = /"Node Type":"(Incremental )?Sort"/;
