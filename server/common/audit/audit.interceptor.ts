import {
  Injectable,
  Logger,
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
  private readonly logger = new Logger(AuditInterceptor.name);

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
        // The action has happened: a describer that throws must not turn it into an error.
        let entry;
        try {
          entry = spec.describe(result, req);
        } catch (e) {
          this.logger.error({ err: e, action: spec.action }, 'could not describe an audit event');
          entry = { summary: `${spec.action} (no description)` };
        }
        await this.audit.record(auditOrigin(req), { action: spec.action, ...entry });
        return result;
      }),
    );
  }
}
