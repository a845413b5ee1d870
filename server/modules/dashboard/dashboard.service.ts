import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { AccessService } from '../../common/access/access.service';
import type { StaffPrincipal } from '../../common/auth/principal';
import { sqlRunner } from '../../database/sql-runner';
import {
  countCampaignsWithStatus,
  countImportsWithStatus,
  countOpenFileRequests,
  countRemindersDueToday,
  onboardingFunnel,
} from './dashboard.repository';
import { CAMPAIGNS_IN_PROGRESS, type Dashboard } from './dashboard.view';

const IMPORTS_IN_PROGRESS = ['queued', 'parsing', 'processing', 'cancelling', 'undoing'];

/** The console's home page: a handful of counts, each one aggregate query over indexed columns. */
@Injectable()
export class DashboardService {
  constructor(
    private readonly em: EntityManager,
    private readonly access: AccessService,
  ) {}

  async get(principal: StaffPrincipal): Promise<Dashboard> {
    const sql = sqlRunner(this.em);
    const [funnel, reminders, requests, imports, campaigns] = await Promise.all([
      onboardingFunnel(sql, this.access.visibleClients(principal, 'c.id')),
      countRemindersDueToday(sql, this.access.visibleClients(principal, 'c.id')),
      countOpenFileRequests(sql, this.access.visibleClients(principal, 'r.client_id')),
      this.access.hasFirmRole(principal, 'entities_admin')
        ? countImportsWithStatus(sql, IMPORTS_IN_PROGRESS)
        : null,
      this.access.hasFirmRole(principal, 'staff_admin')
        ? countCampaignsWithStatus(sql, CAMPAIGNS_IN_PROGRESS)
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
}
