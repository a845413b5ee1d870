import {
  Body,
  Controller,
  Get,
  Param,
  HttpCode,
  Inject,
  Post,
  Query,
  Req,
  Res,
  UseGuards,
} from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { ApiView } from '../../common/openapi/api-response';
import { ApiZodQuery } from '../../common/openapi/zod-openapi';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import { AccessService } from '../../common/access/access.service';
import type { ContactClientRole } from '../../common/access/client-role';
import { AuditService, auditOrigin } from '../../common/audit/audit.service';
import { UuidParamPipe } from '../../common/validation/uuid-param.pipe';
import { CurrentPrincipal, PortalRoute, Public } from '../../common/auth/auth.decorators';
import type { ContactPrincipal } from '../../common/auth/principal';
import { MFA_CHALLENGE_TTL_MS, MFA_COOKIE } from '../../common/auth/mfa/mfa-challenge.service';
import { secondFactorDueSchema, type SecondFactorDue } from '../../common/auth/mfa/mfa.view';
import { SESSION_COOKIE, sessionCookieOptions } from '../../common/auth/session-cookie';
import { hashSecretToken } from '../../common/crypto/secret-token';
import { ZodBodyPipe } from '../../common/validation/zod-body.pipe';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/env.schema';
import {
  acceptSchema,
  parseTokenQuery,
  tokenQuerySchema,
  type AcceptInput,
} from '../invitations/invitations.schemas';
import { InvitationAcceptanceService } from './invitation-acceptance.service';
import { PortalService } from './portal.service';
import {
  invitationPreviewSchema,
  type PortalClient,
  portalClientSchema,
  type PortalMe,
  portalMeSchema,
} from './portal.view';

@ApiTags('portal')
@Controller('portal')
export class PortalController {
  constructor(
    private readonly acceptance: InvitationAcceptanceService,
    private readonly portal: PortalService,
    private readonly audit: AuditService,
    private readonly access: AccessService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @ApiZodQuery(tokenQuerySchema)
  @ApiView(invitationPreviewSchema)
  @ApiOperation({ summary: 'Portal: what an invitation link is for, before accepting it' })
  @Get('invitations/preview')
  preview(@Query('token') token: unknown) {
    return this.acceptance.preview(parseTokenQuery(token));
  }

  /** Tokens are 256-bit, so guessing is hopeless; the sign-in throttle still applies. */
  @Public()
  @UseGuards(ThrottlerGuard)
  @ApiView(z.union([portalMeSchema, secondFactorDueSchema]))
  @ApiOperation({ summary: 'Portal: accept an invitation by choosing a password' })
  @Post('invitations/accept')
  @HttpCode(200)
  async accept(
    @Body(new ZodBodyPipe(acceptSchema)) body: AcceptInput,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<PortalMe | SecondFactorDue> {
    const accepted = await this.acceptance.accept(body.token, body.password, {
      ip: req.ip,
      userAgent: req.get('user-agent'),
    });
    const { contact } = accepted;
    await this.audit.record(
      { ...auditOrigin(req), actor: contact },
      {
        action: 'invitation.accepted',
        summary: `${contact.email} accepted the invitation and set a password`,
        targetType: 'contact',
        targetId: contact.id,
      },
    );
    if ('challenge' in accepted) {
      res.cookie(
        MFA_COOKIE,
        accepted.challenge,
        sessionCookieOptions(this.config.PUBLIC_URL, MFA_CHALLENGE_TTL_MS),
      );
      return { secondFactor: accepted.secondFactor };
    }
    res.cookie(
      SESSION_COOKIE,
      accepted.sessionToken,
      sessionCookieOptions(this.config.PUBLIC_URL, this.config.SESSION_TTL_HOURS * 3600_000),
    );
    return this.portal.me({ ...contact, sessionTokenHash: hashSecretToken(accepted.sessionToken) });
  }

  @PortalRoute()
  @ApiView(portalMeSchema)
  @ApiOperation({ summary: 'Portal: the signed-in contact, the firm and their clients' })
  @Get('me')
  me(@CurrentPrincipal() principal: ContactPrincipal): Promise<PortalMe> {
    return this.portal.me(principal);
  }

  /** A client of the contact's (directly or through a group); any other is 404. */
  @PortalRoute()
  @ApiView(portalClientSchema)
  @ApiOperation({ summary: 'Portal: one of your clients' })
  @Get('clients/:id')
  async client(
    @Param('id', UuidParamPipe) id: string,
    @CurrentPrincipal() principal: ContactPrincipal,
  ): Promise<PortalClient> {
    const role = await this.access.assertClient(principal, id, 'read');
    return this.portal.client(id, role as ContactClientRole);
  }
}
