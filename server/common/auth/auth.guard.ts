import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AccessService } from '../access/access.service';
import type { FirmRole } from '../access/firm-role';
import { ANY_SESSION, IS_PUBLIC, PORTAL_ROUTE, REQUIRED_ROLE } from './auth.decorators';
import { AuthErrors } from './auth.errors';
import type { AuthenticatedRequest } from './principal';
import { SessionsService } from './sessions.service';
import { SESSION_COOKIE } from './session-cookie';

/**
 * Global guard: every route needs a live session unless marked @Public(). Staff routes (the
 * default) need a staff session and its @RequireRole; @PortalRoute() routes need a contact's.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionsService,
    private readonly access: AccessService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const token: unknown = req.cookies?.[SESSION_COOKIE];
    if (typeof token === 'string' && token.length > 0 && token.length < 100) {
      req.principal = await this.sessions.principalFor(token);
    }
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    if (!req.principal) {
      throw AuthErrors.AUTH_UNAUTHENTICATED('Sign in to continue.');
    }
    if (this.reflector.getAllAndOverride<boolean>(ANY_SESSION, targets)) return true;
    if (this.reflector.getAllAndOverride<boolean>(PORTAL_ROUTE, targets)) {
      if (req.principal.kind === 'contact') return true;
      throw AuthErrors.AUTH_UNAUTHENTICATED('Sign in to the portal to continue.');
    }
    if (req.principal.kind !== 'staff') {
      throw AuthErrors.AUTH_FORBIDDEN('This is for firm staff; use the portal.');
    }
    const roles = this.reflector.getAllAndOverride<FirmRole[] | undefined>(REQUIRED_ROLE, targets);
    if (roles) this.access.assertFirmRole(req.principal, ...roles);
    return true;
  }
}
