import { Controller, Get, Headers, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiView } from '../../common/openapi/api-response';
import type { Response } from 'express';
import { Public } from '../../common/auth/auth.decorators';
import type { AuthenticatedRequest } from '../../common/auth/principal';
import { HealthService } from './health.service';
import { healthReportSchema, type HealthReport } from './health.view';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  /**
   * 200 when database, Temporal and a live worker are all there, else 503 with the details;
   * public, and answered from one check a second however many ask. `?deep=true` (staff, or
   * the health token) also runs a workflow through a worker to the database, at most one
   * every ten seconds.
   */
  @Public()
  @ApiView(healthReportSchema)
  @ApiOperation({
    summary: 'Health of the database, Temporal and the worker (?deep=true runs a workflow)',
  })
  @Get()
  async check(
    @Query('deep') deep: string | undefined,
    @Headers('authorization') authorization: string | undefined,
    @Req() req: AuthenticatedRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<HealthReport> {
    const probe = deep === 'true' || deep === '1';
    if (probe) this.health.assertMayProbe(req.principal, authorization);
    const report = await this.health.check(probe);
    res.status(report.status === 'ok' ? 200 : 503);
    return report;
  }
}
