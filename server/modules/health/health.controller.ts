import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../../common/auth/auth.decorators';
import { HealthService, type HealthReport } from './health.service';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  /**
   * 200 when database, Temporal and a worker are all reachable, else 503 with the details.
   * `?deep=true` also runs a workflow through a worker to the database.
   */
  @Public()
  @Get()
  async check(
    @Query('deep') deep: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<HealthReport> {
    const report = await this.health.check(deep === 'true' || deep === '1');
    res.status(report.status === 'ok' ? 200 : 503);
    return report;
  }
}
