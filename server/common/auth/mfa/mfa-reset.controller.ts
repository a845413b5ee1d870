import { Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { auditOrigin } from '../../audit/audit.service';
import { ApiView } from '../../openapi/api-response';
import { UuidParamPipe } from '../../validation/uuid-param.pipe';
import { CurrentPrincipal, RequireRole } from '../auth.decorators';
import type { Principal } from '../principal';
import { MfaService } from './mfa.service';
import { mfaResetSchema } from './mfa.view';

/** A Staff Admin helps someone who lost their authenticator and recovery codes. */
@ApiTags('auth')
@RequireRole('staff_admin')
@Controller()
export class MfaResetController {
  constructor(private readonly mfa: MfaService) {}

  @ApiView(mfaResetSchema)
  @ApiOperation({
    summary:
      'Reset a staff member’s two-step sign-in (a lost phone): ends their sessions; they set it up again',
  })
  @Post('staff/:id/mfa/reset')
  @HttpCode(200)
  resetStaff(
    @Param('id', UuidParamPipe) id: string,
    @CurrentPrincipal() by: Principal,
    @Req() req: Request,
  ) {
    return this.mfa.reset('staff', id, by, auditOrigin(req));
  }

  @ApiView(mfaResetSchema)
  @ApiOperation({
    summary:
      'Reset a portal contact’s two-step sign-in (a lost phone): ends their sessions; they set it up again',
  })
  @Post('contacts/:id/mfa/reset')
  @HttpCode(200)
  resetContact(
    @Param('id', UuidParamPipe) id: string,
    @CurrentPrincipal() by: Principal,
    @Req() req: Request,
  ) {
    return this.mfa.reset('contact', id, by, auditOrigin(req));
  }
}
