import type { SqlFragment } from '../../database/sql-fragment';
import type { SqlRunner } from '../../database/sql-runner';
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

/** Standard clients at each step of portal onboarding. */
export async function onboardingFunnel(
  sql: SqlRunner,
  scope: SqlFragment | null,
): Promise<OnboardingFunnel> {
  const [row] = await sql<Record<keyof OnboardingFunnel, number>[]>(
    `select count(*)::int as clients,
       count(*) filter (where c.email is not null)::int as "withEmail",
       count(*) filter (where c.portal_status = 'invited')::int as invited,
       count(*) filter (where c.portal_status = 'accepted')::int as accepted,
       count(*) filter (where c.portal_status = 'bounced')::int as bounced,
       count(*) filter (where c.portal_status = 'expired')::int as expired
     from client c where c.type = 'standard' ${and(scope)}`,
    scope?.params ?? [],
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
