import { SetMetadata, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FirmRole } from '../access/firm-role';
import type { AuthenticatedRequest, Principal } from './principal';

export const IS_PUBLIC = 'auth:public';
export const REQUIRED_ROLE = 'auth:required-role';
export const PORTAL_ROUTE = 'auth:portal-route';
export const ANY_SESSION = 'auth:any-session';

/** The route answers without a session (login, health). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** The route serves client contacts signed into the portal (and only them). */
export const PortalRoute = () => SetMetadata(PORTAL_ROUTE, true);

/** Any signed-in caller, staff or contact (sign-out, who am I). */
export const AnySession = () => SetMetadata(ANY_SESSION, true);

/** The caller needs this firm role (or one of these). */
export const RequireRole = (...roles: [FirmRole, ...FirmRole[]]) =>
  SetMetadata(REQUIRED_ROLE, roles);

export const CurrentPrincipal = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): Principal =>
    ctx.switchToHttp().getRequest<AuthenticatedRequest>().principal!,
);
