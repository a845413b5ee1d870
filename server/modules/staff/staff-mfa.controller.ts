import { Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { ApiView } from '../../common/openapi/api-response';
import type { Request } from 'express';
import { auditOrigin } from '../../common/audit/audit.service';
import { RequireRole } from '../../common/auth/auth.decorators';
import { MfaService } from '../../common/auth/mfa/mfa.service';
import { UuidParamPipe } from '../../common/validation/uuid-param.pipe';
import { StaffService } from './staff.service';

@ApiTags('staff')
@RequireRole('staff_admin')
@Controller('staff')
export class StaffMfaController {
  constructor(
    private readonly staff: StaffService,
    private readonly mfa: MfaService,
  ) {}

  @ApiView(z.object({ removed: z.boolean() }))
  @ApiOperation({
    summary:
      'Reset a staff member’s two-step sign-in (a lost phone): ends their sessions; they set it up again',
  })
  @Post(':id/mfa/reset')
  @HttpCode(200)
  async reset(@Param('id', UuidParamPipe) id: string, @Req() req: Request) {
    const member = await this.staff.get(id);
    const removed = await this.mfa.reset(
      { kind: 'staff', id: member.id, email: member.email, firstName: member.firstName },
      auditOrigin(req),
    );
    return { removed };
  }
}
