import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { AccessService, type SqlCondition } from '../../common/access/access.service';
import type { StaffPrincipal } from '../../common/auth/principal';
import { REMINDER_DUE_TODAY_CLIENT_IDS } from '../clients/client-list.sql';
import { OVERDUE } from '../file-requests/file-request-reader.service';

/** Standard clients at each step of portal onboarding. */
export interface OnboardingFunnel {
  clients: number;
  withEmail: number;
  invited: number;
  accepted: number;
  bounced: number;
  expired: number;
}

export interface Dashboard {
  funnel: OnboardingFunnel;
  /** Clients with an invitation due a reminder before the day ends. */
  remindersDueToday: number;
  fileRequests: { open: number; overdue: number };
  /** Null for staff who may not see imports (Entities Admin) or campaigns (Staff Admin). */
  importsInProgress: number | null;
  campaignsInProgress: number | null;
}

export const IMPORTS_IN_PROGRESS = ['queued', 'parsing', 'processing', 'cancelling', 'undoing'];
export const CAMPAIGNS_IN_PROGRESS = ['scheduled', 'sending'];

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
            `{${IMPORTS_IN_PROGRESS.join(',')}}`,
          ])
        : null,
      this.access.hasFirmRole(principal, 'staff_admin')
        ? this.count(`select count(*) from campaign where status = any(?::text[])`, null, [
            `{${CAMPAIGNS_IN_PROGRESS.join(',')}}`,
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
