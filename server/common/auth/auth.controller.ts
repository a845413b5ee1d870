import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { ApiView, ApiEmptyResponse } from '../../common/openapi/api-response';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/env.schema';
import {
  type ContactSessionView,
  contactSessionViewSchema,
  toContactSessionView,
} from '../../modules/contacts/contact-session.view';
import { type StaffView, staffViewSchema, toStaffView } from '../../modules/staff/staff.view';
import { AuditService, auditOrigin } from '../audit/audit.service';
import { ZodBodyPipe } from '../validation/zod-body.pipe';
import { AuthException } from './auth.exception';
import { AnySession, CurrentPrincipal, Public } from './auth.decorators';
import {
  changePasswordSchema,
  loginSchema,
  type ChangePasswordInput,
  type LoginInput,
} from './auth.schemas';
import { AuthService } from './auth.service';
import { type Principal, principalViewSchema } from './principal';
import {
  DEVICE_COOKIE,
  DEVICE_COOKIE_MAX_AGE_MS,
  SESSION_COOKIE,
  sessionCookieOptions,
} from './session-cookie';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @UseGuards(ThrottlerGuard)
  @ApiView(z.union([staffViewSchema, contactSessionViewSchema]))
  @ApiOperation({
    summary: 'Sign in (staff, or a contact with portal: true) and get a session cookie',
  })
  @Post('login')
  @HttpCode(200)
  async login(
    @Body(new ZodBodyPipe(loginSchema)) body: LoginInput,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StaffView | ContactSessionView> {
    const origin = auditOrigin(req, body.email);
    const signedIn = await this.auth
      .login(
        body,
        { ip: req.ip, userAgent: req.get('user-agent') },
        (req.cookies as Record<string, unknown>)[DEVICE_COOKIE],
      )
      .catch(async (e: unknown) => {
        if (e instanceof AuthException) {
          await this.audit.record(origin, {
            action: 'auth.sign_in_failed',
            summary: `Sign-in failed for ${body.email}${body.portal ? ' (portal)' : ''}: ${e.message}`,
          });
        }
        throw e;
      });
    const account = 'user' in signedIn ? signedIn.user : signedIn.contact;
    await this.audit.record(
      {
        ...origin,
        actor: {
          kind: 'user' in signedIn ? 'staff' : 'contact',
          id: account.id,
          email: account.email,
        },
      },
      {
        action: 'auth.sign_in',
        summary: `${account.email} signed in${'user' in signedIn ? '' : ' to the portal'}`,
        targetType: 'user' in signedIn ? 'staff' : 'contact',
        targetId: account.id,
      },
    );
    res.cookie(
      SESSION_COOKIE,
      signedIn.token,
      sessionCookieOptions(this.config.PUBLIC_URL, this.config.SESSION_TTL_HOURS * 3600_000),
    );
    res.cookie(
      DEVICE_COOKIE,
      signedIn.deviceToken,
      sessionCookieOptions(this.config.PUBLIC_URL, DEVICE_COOKIE_MAX_AGE_MS),
    );
    return 'user' in signedIn ? toStaffView(signedIn.user) : toContactSessionView(signedIn.contact);
  }

  @AnySession()
  @ApiEmptyResponse()
  @ApiOperation({ summary: 'Sign out and end this session' })
  @Post('logout')
  @HttpCode(204)
  async logout(
    @CurrentPrincipal() principal: Principal,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<void> {
    await this.auth.logout(principal);
    await this.audit.record(auditOrigin(req), {
      action: 'auth.sign_out',
      summary: `${principal.email} signed out`,
    });
    res.clearCookie(SESSION_COOKIE, { path: '/' });
  }

  @AnySession()
  @ApiView(principalViewSchema)
  @ApiOperation({ summary: 'Who is signed in: the staff member or contact of this session' })
  @Get('me')
  me(@CurrentPrincipal() principal: Principal) {
    const { sessionTokenHash: _hidden, ...me } = principal;
    return me;
  }

  @AnySession()
  @ApiEmptyResponse()
  @ApiOperation({ summary: 'Change your own password (ends your other sessions)' })
  @Post('password')
  @HttpCode(204)
  async changePassword(
    @CurrentPrincipal() principal: Principal,
    @Body(new ZodBodyPipe(changePasswordSchema)) body: ChangePasswordInput,
    @Req() req: Request,
  ): Promise<void> {
    await this.auth.changePassword(principal, body);
    await this.audit.record(auditOrigin(req), {
      action: 'auth.password_changed',
      summary: `${principal.email} changed their password; their other sessions were ended`,
      targetType: principal.kind,
      targetId: principal.id,
    });
  }
}
