import {
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { mergeMap, type Observable } from 'rxjs';
import { AUDITED, type AuditedSpec } from './audited.decorator';
import { AuditService, auditOrigin } from './audit.service';

/** Records the audit event of an @Audited handler once it has succeeded. */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly audit: AuditService,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const spec = this.reflector.get<AuditedSpec | undefined>(AUDITED, context.getHandler());
    if (!spec) return next.handle();
    const req = context.switchToHttp().getRequest<Request>();
    return next.handle().pipe(
      mergeMap(async (result: unknown) => {
        await this.audit.record(auditOrigin(req), {
          action: spec.action,
          ...spec.describe(result, req),
        });
        return result;
      }),
    );
  }
}
