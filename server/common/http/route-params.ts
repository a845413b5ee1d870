import type { ExecutionContext } from '@nestjs/common';
import type { AuthenticatedRequest, Principal } from '../auth/principal';
import { UuidParamPipe } from '../validation/uuid-param.pipe';

const uuidParam = new UuidParamPipe();

/**
 * For guards: the signed-in caller (the global auth guard ran first) and a UUID route param,
 * checked as the route's own pipe would.
 */
export function callerAndId(
  context: ExecutionContext,
  param: string,
): { principal: Principal; id: string } {
  const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
  return { principal: req.principal!, id: uuidParam.transform(String(req.params[param])) };
}
