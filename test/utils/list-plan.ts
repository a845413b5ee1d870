import { EntityManager } from '@mikro-orm/postgresql';
import {
  pageSql,
  sampledPlanOf,
  type ListPlan,
  type SampledListSpec,
} from '../../server/database/sampled-list';
import { sqlRunner } from '../../server/database/sql-runner';
import type { TestApp } from './test-app';

/** `?` placeholders as PostgreSQL's numbered ones. */
export const numbered = (sql: string) => {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
};

/** The form sampledList chooses for `spec`, from the same sample it would take. */
export const planOf = (t: TestApp, spec: SampledListSpec): Promise<ListPlan> =>
  sampledPlanOf(sqlRunner(t.app.get(EntityManager).fork()), spec);

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
