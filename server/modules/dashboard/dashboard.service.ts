import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { AccessService, type SqlCondition } from '../../common/access/access.service';
import type { StaffPrincipal } from '../../common/auth/principal';
import { pgArray } from '../../database/pg-array';
import { REMINDER_DUE_TODAY_CLIENT_IDS } from '../clients/client-list.repository';
import { OVERDUE } from '../file-requests/file-request-reader.service';
import { CAMPAIGNS_IN_PROGRESS, type Dashboard, type OnboardingFunnel } from './dashboard.view';

const IMPORTS_IN_PROGRESS = ['queued', 'parsing', 'processing', 'cancelling', 'undoing'];

const and = (scope: SqlCondition | null) => (scope ? `and ${scope.sql}` : '');

/** The console's home page: a handful of counts, each one aggregate query over indexed columns. */
@Injectable()
export class DashboardService {
  constructor(
    private readonly em: EntityManager,
    private readonly access: AccessService,
  ) {}

  async get(principal: StaffPrincipal): Promise<Dashboard> {
    const [funnel, reminders, requests, imports, campaigns] = await Promise.all([
      this.funnel(principal),
      this.count(
        `select count(*) from client c where c.id in (${REMINDER_DUE_TODAY_CLIENT_IDS})`,
        this.access.visibleClients(principal, 'c.id'),
      ),
      this.fileRequests(principal),
      this.access.hasFirmRole(principal, 'entities_admin')
        ? this.count(`select count(*) from import_job where status = any(?::text[])`, null, [
            pgArray(IMPORTS_IN_PROGRESS),
          ])
        : null,
      this.access.hasFirmRole(principal, 'staff_admin')
        ? this.count(`select count(*) from campaign where status = any(?::text[])`, null, [
            pgArray(CAMPAIGNS_IN_PROGRESS),
          ])
        : null,
    ]);
    return {
      funnel,
      remindersDueToday: reminders,
      fileRequests: requests,
      importsInProgress: imports,
      campaignsInProgress: campaigns,
    };
  }

  private async funnel(principal: StaffPrincipal): Promise<OnboardingFunnel> {
    const scope = this.access.visibleClients(principal, 'c.id');
    const [row] = await this.em.getConnection().execute<Record<keyof OnboardingFunnel, number>[]>(
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

  private async fileRequests(principal: StaffPrincipal): Promise<Dashboard['fileRequests']> {
    const scope = this.access.visibleClients(principal, 'r.client_id');
    const [row] = await this.em.getConnection().execute<Dashboard['fileRequests'][]>(
      `select count(*)::int as open, count(*) filter (where ${OVERDUE})::int as overdue
       from file_request r where r.status = 'open' ${and(scope)}`,
      scope?.params ?? [],
    );
    return row;
  }

  private async count(
    sql: string,
    scope: SqlCondition | null,
    params: unknown[] = [],
  ): Promise<number> {
    const [row] = await this.em
      .getConnection()
      .execute<{ count: string }[]>(`${sql} ${and(scope)}`, [...params, ...(scope?.params ?? [])]);
    return Number(row.count);
  }
}
