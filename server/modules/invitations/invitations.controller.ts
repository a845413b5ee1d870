import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal, RequireRole } from '../../common/auth/auth.decorators';
import type { StaffPrincipal } from '../../common/auth/principal';
import { sendPage } from '../../common/http/content-range';
import { parseListQuery } from '../../common/http/list-query';
import { UuidParamPipe } from '../../common/validation/uuid-param.pipe';
import { ZodBodyPipe } from '../../common/validation/zod-body.pipe';
import { invitationFilterSchema, inviteSchema, type InviteInput } from './invitations.schemas';
import { InvitationsService } from './invitations.service';

@ApiTags('invitations')
@Controller('invitations')
export class InvitationsController {
  constructor(private readonly invitations: InvitationsService) {}

  /** 202: the invitations are recorded; emails and workflows follow from the batch workflow. */
  @RequireRole('staff_admin')
  @Post()
  @HttpCode(202)
  invite(
    @Body(new ZodBodyPipe(inviteSchema)) body: InviteInput,
    @CurrentPrincipal() staff: StaffPrincipal,
  ) {
    return this.invitations.invite(body, staff.id);
  }

  @Get()
  async list(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: Response) {
    const q = parseListQuery(query, {
      sortable: ['createdAt', 'expiresAt'] as const,
      defaultSort: { field: 'createdAt', order: 'DESC' },
      filter: invitationFilterSchema,
    });
    return sendPage(res, 'invitations', q.range, await this.invitations.list(q));
  }

  @Get(':id')
  get(@Param('id', UuidParamPipe) id: string) {
    return this.invitations.getLive(id);
  }

  @RequireRole('staff_admin')
  @Post(':id/remind')
  @HttpCode(202)
  remind(@Param('id', UuidParamPipe) id: string) {
    return this.invitations.remind(id);
  }

  @RequireRole('staff_admin')
  @Post(':id/resend')
  @HttpCode(202)
  resend(@Param('id', UuidParamPipe) id: string) {
    return this.invitations.resend(id);
  }

  @RequireRole('staff_admin')
  @Post(':id/revoke')
  @HttpCode(200)
  revoke(@Param('id', UuidParamPipe) id: string, @CurrentPrincipal() staff: StaffPrincipal) {
    return this.invitations.revoke(
      id,
      `${staff.firstName} ${staff.lastName}`.trim() || staff.email,
    );
  }
}
