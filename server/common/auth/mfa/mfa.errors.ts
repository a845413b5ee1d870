import { HttpStatus } from '@nestjs/common';
import { defineErrors } from '../../errors/define-errors';

export const MfaErrors = defineErrors({
  // A wrong code is a form error (400, naming the field); a gone sign-in means start over (401).
  MFA_CODE_INVALID: HttpStatus.BAD_REQUEST,
  MFA_LOCKED: HttpStatus.TOO_MANY_REQUESTS,
  MFA_NOT_ENROLLED: HttpStatus.CONFLICT,
  MFA_ALREADY_ENROLLED: HttpStatus.CONFLICT,
  MFA_NO_ENROLMENT_STARTED: HttpStatus.CONFLICT,
  MFA_CHALLENGE_INVALID: HttpStatus.UNAUTHORIZED,
  MFA_ACCOUNT_NOT_FOUND: HttpStatus.NOT_FOUND,
});
