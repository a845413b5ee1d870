import { Controller, Delete, Get, Param, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import type { Request, Response } from 'express';
import { AuditService, auditOrigin } from '../audit/audit.service';
import { UuidParamPipe } from '../validation/uuid-param.pipe';
import { AnySession, CurrentPrincipal } from './auth.decorators';
import type { Principal } from './principal';
import { SESSION_COOKIE } from './session-cookie';
import { ApiView } from '../openapi/api-response';
import { describeSessions, sessionViewSchema, type SessionView } from './session.view';
import { SessionsService } from './sessions.service';

/** Where the caller is signed in, staff or contact alike, and ending any of it. */
@ApiTags('auth')
@Controller('auth/sessions')
export class SessionsController {
  constructor(
    private readonly sessions: SessionsService,
    private readonly audit: AuditService,
  ) {}

  @AnySession()
  @ApiView(z.array(sessionViewSchema))
  @ApiOperation({ summary: 'Your live sessions (device, address, last seen), this one marked' })
  @Get()
  list(@CurrentPrincipal() principal: Principal): Promise<SessionView[]> {
    return this.sessions.list(principal, principal.sessionTokenHash);
  }

  /** Ends on that browser's next request; ending this one signs out here too. */
  @AnySession()
  @ApiView(sessionViewSchema)
  @ApiOperation({ summary: 'End one of your sessions' })
  @Delete(':id')
  async end(
    @Param('id', UuidParamPipe) id: string,
    @CurrentPrincipal() principal: Principal,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SessionView> {
    const ended = await this.sessions.revokeOne(principal, id, principal.sessionTokenHash);
    await this.audit.record(auditOrigin(req), {
      action: 'auth.session_ended',
      summary: `${principal.email} ended their session on ${describeSessions([ended])}`,
      targetType: principal.kind,
      targetId: principal.id,
      detail: { sessions: [ended] },
    });
    if (ended.current) res.clearCookie(SESSION_COOKIE, { path: '/' });
    return ended;
  }
}
