import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { ApiView, ApiEmptyResponse } from '../../common/openapi/api-response';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/env.schema';
import type { ContactSessionView } from '../../modules/contacts/contact-session.view';
import type { StaffView } from '../../modules/staff/staff.view';
import { AuditService, auditOrigin } from '../audit/audit.service';
import { ZodBodyPipe } from '../validation/zod-body.pipe';
import { AnySession, CurrentPrincipal, Public } from './auth.decorators';
import {
  changePasswordSchema,
  loginSchema,
  type ChangePasswordInput,
  type LoginInput,
} from './auth.schemas';
import { AuthService } from './auth.service';
import { MFA_CHALLENGE_TTL_MS, MFA_COOKIE } from './mfa/mfa-challenge.service';
import type { SecondStep } from './mfa/mfa.service';
import { secondFactorDueSchema, type SecondFactorDue } from './mfa/mfa.view';
import { type Principal, principalViewSchema } from './principal';
import {
  DEVICE_COOKIE,
  DEVICE_COOKIE_MAX_AGE_MS,
  SESSION_COOKIE,
  sessionCookieOptions,
} from './session-cookie';
import { completeSignIn, signedInViewSchema } from './signed-in';
import { DomainException } from '../errors/domain.exception';

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
  @ApiView(z.union([signedInViewSchema, secondFactorDueSchema]))
  @ApiOperation({
    summary:
      'Sign in (staff, or a contact with portal: true) and get a session cookie, or the second factor due',
  })
  @Post('login')
  @HttpCode(200)
  async login(
    @Body(new ZodBodyPipe(loginSchema)) body: LoginInput,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StaffView | ContactSessionView | SecondFactorDue> {
    const origin = auditOrigin(req, body.email);
    const signedIn = await this.auth
      .login(
        body,
        { ip: req.ip, userAgent: req.get('user-agent') },
        (req.cookies as Record<string, unknown>)[DEVICE_COOKIE],
      )
      .catch(async (e: unknown) => {
        // A refused sign-in (wrong password, locked out) is audited; our own faults are not.
        if (e instanceof DomainException && e.code.startsWith('AUTH_')) {
          await this.audit.record(origin, {
            action: 'auth.sign_in_failed',
            summary: `Sign-in failed for ${body.email}${body.portal ? ' (portal)' : ''}: ${e.message}`,
          });
        }
        throw e;
      });
    // A session, or (the password was right, a second factor is due) a challenge for it.
    const view =
      'challenge' in signedIn
        ? this.challenged(res, signedIn)
        : await completeSignIn(
            { audit: this.audit, config: this.config },
            req,
            res,
            'user' in signedIn ? signedIn.user : signedIn.contact,
            signedIn.token,
          );
    res.cookie(
      DEVICE_COOKIE,
      signedIn.deviceToken,
      sessionCookieOptions(this.config.PUBLIC_URL, DEVICE_COOKIE_MAX_AGE_MS),
    );
    return view;
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

  private challenged(
    res: Response,
    { challenge, secondFactor }: { challenge: string; secondFactor: NonNullable<SecondStep> },
  ) {
    res.cookie(
      MFA_COOKIE,
      challenge,
      sessionCookieOptions(this.config.PUBLIC_URL, MFA_CHALLENGE_TTL_MS),
    );
    return { secondFactor };
  }
}
