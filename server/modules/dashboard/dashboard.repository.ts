import type { SqlFragment } from '../../database/sql-fragment';
import type { SqlRunner } from '../../database/sql-runner';
import { foldKeptCounts } from '../../database/kept-counts';
import { pgArray } from '../../database/pg-array';
import { REMINDER_DUE_TODAY_CLIENT_IDS } from '../clients/client-list.repository';
import { OVERDUE } from '../file-requests/file-request-views.repository';
import type { Dashboard, OnboardingFunnel } from './dashboard.view';

/*
 * Each count is one aggregate query over indexed columns. `scope` (null: every client) limits
 * it to the clients the staff member may see.
 */

const and = (scope: SqlFragment | null) => (scope ? `and ${scope.sql}` : '');

async function count(
  run: SqlRunner,
  sql: string,
  scope: SqlFragment | null,
  params: unknown[] = [],
): Promise<number> {
  const [row] = await run<{ count: string }[]>(`${sql} ${and(scope)}`, [
    ...params,
    ...(scope?.params ?? []),
  ]);
  return Number(row.count);
}

/** The funnel's steps as columns: `sum` of the clients `c` meeting each; `withEmail` on `c`. */
function funnelColumns(sum: (where: string) => string, withEmail: string): string {
  const steps: [keyof OnboardingFunnel, string][] = [
    ['clients', 'true'],
    ['withEmail', withEmail],
    ['invited', "c.portal_status = 'invited'"],
    ['accepted', "c.portal_status = 'accepted'"],
    ['bounced', "c.portal_status = 'bounced'"],
    ['expired', "c.portal_status = 'expired'"],
  ];
  return steps.map(([step, where]) => `${sum(where)}::int as "${step}"`).join(', ');
}

/**
 * Standard clients at each step of portal onboarding: the firm's from its kept counts (see
 * kept-counts.ts), a staff member's (`scope`) counted among the clients they see.
 */
export async function onboardingFunnel(
  sql: SqlRunner,
  scope: SqlFragment | null,
): Promise<OnboardingFunnel> {
  if (!scope) {
    await foldKeptCounts(sql, 'client_funnel_counts');
    const columns = funnelColumns(
      (w) => `coalesce(sum(c.delta) filter (where ${w}), 0)`,
      'c.with_email',
    );
    const [kept] = await sql<OnboardingFunnel[]>(
      `select ${columns} from client_funnel_counts c where c.type = 'standard'`,
    );
    return kept;
  }
  const columns = funnelColumns((w) => `count(*) filter (where ${w})`, 'c.email is not null');
  const [row] = await sql<OnboardingFunnel[]>(
    `select ${columns} from client c where c.type = 'standard' and ${scope.sql}`,
    scope.params,
  );
  return row;
}

/** `scope` on `c.id`. */
export const countRemindersDueToday = (sql: SqlRunner, scope: SqlFragment | null) =>
  count(
    sql,
    `select count(*) from client c where c.id in (${REMINDER_DUE_TODAY_CLIENT_IDS})`,
    scope,
  );

/** Open file requests, and how many of them are overdue; `scope` on `r.client_id`. */
export async function countOpenFileRequests(
  sql: SqlRunner,
  scope: SqlFragment | null,
): Promise<Dashboard['fileRequests']> {
  const [row] = await sql<Dashboard['fileRequests'][]>(
    `select count(*)::int as open, count(*) filter (where ${OVERDUE})::int as overdue
     from file_request r where r.status = 'open' ${and(scope)}`,
    scope?.params ?? [],
  );
  return row;
}

export const countImportsWithStatus = (sql: SqlRunner, statuses: string[]) =>
  count(sql, `select count(*) from import_job where status = any(?::text[])`, null, [
    pgArray(statuses),
  ]);

export const countCampaignsWithStatus = (sql: SqlRunner, statuses: string[]) =>
  count(sql, `select count(*) from campaign where status = any(?::text[])`, null, [
    pgArray(statuses),
  ]);
