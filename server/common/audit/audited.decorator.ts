import { SetMetadata } from '@nestjs/common';
import type { Request } from 'express';
import type { AuditEntry } from './audit.service';

export const AUDITED = 'audit:entry';

export type AuditDescriber<R = never> = (result: R, req: Request) => Omit<AuditEntry, 'action'>;

export interface AuditedSpec {
  action: string;
  describe: AuditDescriber<unknown>;
}

/**
 * The handler's success is an audit event: `describe` turns its result (and the request) into
 * the summary and target. Recorded by the AuditInterceptor after the handler succeeded.
 */
export const Audited = <R>(action: string, describe: AuditDescriber<R>) =>
  SetMetadata(AUDITED, { action, describe } as AuditedSpec);
