import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiView } from '../../common/openapi/api-response';
import { CurrentPrincipal } from '../../common/auth/auth.decorators';
import type { StaffPrincipal } from '../../common/auth/principal';
import { DashboardService } from './dashboard.service';
import { type Dashboard, dashboardSchema } from './dashboard.view';

@ApiTags('dashboard')
@Controller('dashboard')
export class DashboardController {
  constructor(private readonly dashboard: DashboardService) {}

  /** The counts of the console's home page, limited to the clients the caller may see. */
  @ApiView(dashboardSchema)
  @ApiOperation({
    summary: 'The home page’s counts: onboarding funnel, reminders, requests, work in progress',
  })
  @Get()
  get(@CurrentPrincipal() principal: StaffPrincipal): Promise<Dashboard> {
    return this.dashboard.get(principal);
  }
}
