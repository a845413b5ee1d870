import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../../common/auth/auth.decorators';
import type { StaffPrincipal } from '../../common/auth/principal';
import { DashboardService } from './dashboard.service';
import type { Dashboard } from './dashboard.view';

@ApiTags('dashboard')
@Controller('dashboard')
export class DashboardController {
  constructor(private readonly dashboard: DashboardService) {}

  /** The counts of the console's home page, limited to the clients the caller may see. */
  @Get()
  get(@CurrentPrincipal() principal: StaffPrincipal): Promise<Dashboard> {
    return this.dashboard.get(principal);
  }
}
