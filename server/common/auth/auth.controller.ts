import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/env.schema';
import {
  toContactSessionView,
  type ContactSessionView,
} from '../../modules/contacts/contact-session.view';
import { toStaffView, type StaffView } from '../../modules/staff/staff.view';
import { ZodBodyPipe } from '../validation/zod-body.pipe';
import { AnySession, CurrentPrincipal, Public } from './auth.decorators';
import {
  changePasswordSchema,
  loginSchema,
  type ChangePasswordInput,
  type LoginInput,
} from './auth.schemas';
import { AuthService } from './auth.service';
import type { Principal } from './principal';
import { SESSION_COOKIE, sessionCookieOptions } from './session-cookie';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @UseGuards(ThrottlerGuard)
  @Post('login')
  @HttpCode(200)
  async login(
    @Body(new ZodBodyPipe(loginSchema)) body: LoginInput,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StaffView | ContactSessionView> {
    const signedIn = await this.auth.login(body, {
      ip: req.ip,
      userAgent: req.get('user-agent'),
    });
    res.cookie(
      SESSION_COOKIE,
      signedIn.token,
      sessionCookieOptions(this.config.PUBLIC_URL, this.config.SESSION_TTL_HOURS * 3600_000),
    );
    return 'user' in signedIn ? toStaffView(signedIn.user) : toContactSessionView(signedIn.contact);
  }

  @AnySession()
  @Post('logout')
  @HttpCode(204)
  async logout(
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) res: Response,
  ): Promise<void> {
    await this.auth.logout(principal);
    res.clearCookie(SESSION_COOKIE, { path: '/' });
  }

  @AnySession()
  @Get('me')
  me(@CurrentPrincipal() principal: Principal) {
    const { sessionTokenHash: _hidden, ...me } = principal;
    return me;
  }

  @AnySession()
  @Post('password')
  @HttpCode(204)
  changePassword(
    @CurrentPrincipal() principal: Principal,
    @Body(new ZodBodyPipe(changePasswordSchema)) body: ChangePasswordInput,
  ): Promise<void> {
    return this.auth.changePassword(principal, body);
  }
}
