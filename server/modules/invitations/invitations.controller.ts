import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiView, ApiListView } from '../../common/openapi/api-response';
import { ApiListQuery } from '../../common/openapi/zod-openapi';
import type { Request, Response } from 'express';
import { AuditService, auditOrigin } from '../../common/audit/audit.service';
import { CurrentPrincipal, RequireRole } from '../../common/auth/auth.decorators';
import type { StaffPrincipal } from '../../common/auth/principal';
import { sendPage } from '../../common/http/content-range';
import { parseListQuery } from '../../common/http/list-query';
import { UuidParamPipe } from '../../common/validation/uuid-param.pipe';
import { ZodBodyPipe } from '../../common/validation/zod-body.pipe';
import {
  INVITATION_SORTABLE,
  invitationFilterSchema,
  inviteSchema,
  type InviteInput,
} from './invitations.schemas';
import {
  invitationBatchViewSchema,
  type InvitationView,
  invitationViewSchema,
  inviteResultSchema,
  liveInvitationViewSchema,
} from './invitation.view';
import { InvitationReader } from './invitation-reader.service';
import { InvitationsService } from './invitations.service';

const FOLLOW_UP = {
  remind: ['invitation.reminded', 'Sent a reminder to'],
  resend: ['invitation.resent', 'Sent a new link to'],
  revoke: ['invitation.revoked', 'Revoked the invitation of'],
} as const;

@ApiTags('invitations')
@Controller('invitations')
export class InvitationsController {
  constructor(
    private readonly invitations: InvitationsService,
    private readonly reader: InvitationReader,
    private readonly audit: AuditService,
  ) {}

  /** 202: the invitations are recorded; emails and workflows follow from the batch workflow. */
  @RequireRole('staff_admin')
  @ApiView(inviteResultSchema)
  @ApiOperation({ summary: 'Invite contacts to the portal (one, or in bulk)' })
  @Post()
  @HttpCode(202)
  async invite(
    @Body(new ZodBodyPipe(inviteSchema)) body: InviteInput,
    @CurrentPrincipal() staff: StaffPrincipal,
    @Req() req: Request,
  ) {
    const result = await this.invitations.invite(body, staff.id);
    await this.audit.record(auditOrigin(req), {
      action: 'invitation.sent',
      summary: `Invited ${result.invited} contact(s) from ${body.senderEmail} (${result.resent} re-sent, ${result.skippedCount} skipped)`,
      targetType: body.contactIds?.length === 1 ? 'contact' : undefined,
      targetId: body.contactIds?.length === 1 ? body.contactIds[0] : undefined,
      clientId: body.clientIds?.length === 1 ? body.clientIds[0] : undefined,
      clientIds: body.clientIds,
      contactIds: body.contactIds,
      detail: { batchId: result.batchId, invited: result.invited, resent: result.resent },
    });
    return result;
  }

  /** Progress of a bulk invite (its workflow's query); null fields when Temporal is away. */
  @RequireRole('staff_admin')
  @ApiView(invitationBatchViewSchema)
  @ApiOperation({ summary: 'Progress of a bulk invitation' })
  @Get('batches/:batchId')
  async batch(@Param('batchId', UuidParamPipe) batchId: string) {
    return { batchId, progress: await this.reader.batchProgress(batchId) };
  }

  @RequireRole('staff_admin')
  @ApiView(invitationBatchViewSchema)
  @ApiOperation({ summary: 'Cancel the rest of a bulk invitation' })
  @Post('batches/:batchId/cancel')
  @HttpCode(202)
  async cancelBatch(@Param('batchId', UuidParamPipe) batchId: string, @Req() req: Request) {
    const progress = await this.invitations.cancelBatch(batchId);
    await this.audit.record(auditOrigin(req), {
      action: 'invitation.batch_cancelled',
      summary: 'Cancelled a bulk invite: contacts not emailed yet are not invited',
      detail: { batchId },
    });
    return { batchId, progress };
  }

  @RequireRole('staff_admin')
  @ApiListQuery(invitationFilterSchema, INVITATION_SORTABLE)
  @ApiListView(invitationViewSchema)
  @ApiOperation({ summary: 'List invitations' })
  @Get()
  async list(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: Response) {
    const q = parseListQuery(query, {
      sortable: INVITATION_SORTABLE,
      defaultSort: { field: 'createdAt', order: 'DESC' },
      filter: invitationFilterSchema,
    });
    return sendPage(res, 'invitations', q.range, await this.reader.list(q));
  }

  @RequireRole('staff_admin')
  @ApiView(liveInvitationViewSchema)
  @ApiOperation({ summary: 'One invitation with its reminders' })
  @Get(':id')
  get(@Param('id', UuidParamPipe) id: string) {
    return this.reader.getLive(id);
  }

  @RequireRole('staff_admin')
  @ApiView(invitationViewSchema)
  @ApiOperation({ summary: 'Send an invitation reminder now' })
  @Post(':id/remind')
  @HttpCode(202)
  async remind(@Param('id', UuidParamPipe) id: string, @Req() req: Request) {
    return this.followedUp(req, 'remind', await this.invitations.remind(id));
  }

  @RequireRole('staff_admin')
  @ApiView(invitationViewSchema)
  @ApiOperation({ summary: 'Send a new invitation link (the old one stops working)' })
  @Post(':id/resend')
  @HttpCode(202)
  async resend(@Param('id', UuidParamPipe) id: string, @Req() req: Request) {
    return this.followedUp(req, 'resend', await this.invitations.resend(id));
  }

  @RequireRole('staff_admin')
  @ApiView(invitationViewSchema)
  @ApiOperation({ summary: 'Revoke an invitation' })
  @Post(':id/revoke')
  @HttpCode(200)
  async revoke(
    @Param('id', UuidParamPipe) id: string,
    @CurrentPrincipal() staff: StaffPrincipal,
    @Req() req: Request,
  ) {
    const name = `${staff.firstName} ${staff.lastName}`.trim() || staff.email;
    return this.followedUp(req, 'revoke', await this.invitations.revoke(id, name));
  }

  private async followedUp(
    req: Request,
    action: keyof typeof FOLLOW_UP,
    invitation: InvitationView,
  ): Promise<InvitationView> {
    const [name, verb] = FOLLOW_UP[action];
    await this.audit.record(auditOrigin(req), {
      action: name,
      summary: `${verb} ${invitation.contactEmail}`,
      targetType: 'invitation',
      targetId: invitation.id,
    });
    return invitation;
  }
}
