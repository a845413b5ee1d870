import { HttpStatus } from '@nestjs/common';
import { defineErrors } from '../errors/define-errors';

export const AuthErrors = defineErrors({
  AUTH_UNAUTHENTICATED: HttpStatus.UNAUTHORIZED,
  AUTH_INVALID_CREDENTIALS: HttpStatus.UNAUTHORIZED,
  AUTH_LOCKED: HttpStatus.TOO_MANY_REQUESTS,
  AUTH_FORBIDDEN: HttpStatus.FORBIDDEN,
});
