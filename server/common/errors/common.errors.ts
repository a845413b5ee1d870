import { HttpStatus } from '@nestjs/common';
import { defineErrors } from './define-errors';

/** Errors not owned by one feature: malformed input, unknown routes, the database down. */
export const CommonErrors = defineErrors({
  VALIDATION_FAILED: HttpStatus.BAD_REQUEST,
  NOT_FOUND: HttpStatus.NOT_FOUND,
  MALFORMED_BODY: HttpStatus.BAD_REQUEST,
  BODY_TOO_LARGE: HttpStatus.PAYLOAD_TOO_LARGE,
  DATABASE_UNAVAILABLE: HttpStatus.SERVICE_UNAVAILABLE,
});
