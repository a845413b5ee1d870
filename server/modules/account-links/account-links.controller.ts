import { Body, Controller, Get, HttpCode, Post, Query, Req, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { ApiView } from '../../common/openapi/api-response';
import { ApiZodQuery } from '../../common/openapi/zod-openapi';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { Request } from 'express';
import { AuditService, auditOrigin } from '../../common/audit/audit.service';
import { Public } from '../../common/auth/auth.decorators';
import { ZodBodyPipe } from '../../common/validation/zod-body.pipe';
import {
  acceptSchema,
  parseTokenQuery,
  tokenQuerySchema,
  type AcceptInput,
} from '../invitations/invitations.schemas';
import {
  passwordResetRequestSchema,
  type PasswordResetRequestInput,
} from './account-links.schemas';
import { type AccountLinkPreview, accountLinkPreviewSchema } from './account-link.view';
import { AccountLinksService } from './account-links.service';
import { PasswordResetService } from './password-reset.service';

const resetRequestedSchema = z.object({ message: z.string() });
/** Whose password was set: the caller signs in with it (console or portal). */
const accountLinkUsedSchema = z.object({
  audience: z.enum(['staff', 'contact']),
  email: z.string(),
});

/** The same words for every address, known or not. */
export const RESET_REQUESTED_MESSAGE =
  'If an account uses this address, we have emailed it a link to choose a new password. The link works once, for a limited time.';

/** Public routes behind the emailed links that set a password: reset and staff invitation. */
@ApiTags('auth')
@Controller('auth')
export class AccountLinksController {
  constructor(
    private readonly links: AccountLinksService,
    private readonly resets: PasswordResetService,
    private readonly audit: AuditService,
  ) {}

  @Public()
  @UseGuards(ThrottlerGuard)
  @ApiView(resetRequestedSchema)
  @ApiOperation({ summary: 'Email a password reset link (the same answer for any address)' })
  @Post('password-reset')
  @HttpCode(202)
  async requestReset(
    @Body(new ZodBodyPipe(passwordResetRequestSchema)) body: PasswordResetRequestInput,
    @Req() req: Request,
  ): Promise<{ message: string }> {
    await this.resets.request(body, auditOrigin(req, body.email));
    return { message: RESET_REQUESTED_MESSAGE };
  }

  @Public()
  @ApiZodQuery(tokenQuerySchema)
  @ApiView(accountLinkPreviewSchema)
  @ApiOperation({ summary: 'What a reset or staff invitation link is for, before using it' })
  @Get('account-links/preview')
  preview(@Query('token') token: unknown): Promise<AccountLinkPreview> {
    return this.links.preview(parseTokenQuery(token));
  }

  /** Sets the password; the caller then signs in with it (no session is opened here). */
  @Public()
  @UseGuards(ThrottlerGuard)
  @ApiView(accountLinkUsedSchema)
  @ApiOperation({ summary: 'Choose a password through a reset or staff invitation link' })
  @Post('account-links/use')
  @HttpCode(200)
  async use(
    @Body(new ZodBodyPipe(acceptSchema)) body: AcceptInput,
    @Req() req: Request,
  ): Promise<{ audience: 'staff' | 'contact'; email: string }> {
    const { owner, purpose } = await this.links.use(body.token, body.password);
    await this.audit.record(
      { ...auditOrigin(req), actor: owner },
      purpose === 'password_reset'
        ? {
            action: 'auth.password_reset',
            summary: `${owner.email} chose a new password through a reset link; every session of the account was ended`,
            targetType: owner.kind,
            targetId: owner.id,
          }
        : {
            action: 'staff.invitation_accepted',
            summary: `${owner.email} accepted their staff invitation and chose a password`,
            targetType: 'staff',
            targetId: owner.id,
          },
    );
    return { audience: owner.kind, email: owner.email };
  }
}
