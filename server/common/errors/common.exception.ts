import { DomainException } from './domain.exception';

export enum CommonErrorCode {
  VALIDATION_FAILED = 'VALIDATION_FAILED',
  NOT_FOUND = 'NOT_FOUND',
  MALFORMED_BODY = 'MALFORMED_BODY',
  BODY_TOO_LARGE = 'BODY_TOO_LARGE',
  DATABASE_UNAVAILABLE = 'DATABASE_UNAVAILABLE',
}

/** Errors not owned by one feature: malformed input, unknown routes. */
export class CommonException extends DomainException<CommonErrorCode> {}
