import { HttpStatus } from '@nestjs/common';
import { defineErrors } from '../../common/errors/define-errors';

export const InvitationsErrors = defineErrors({
  INVITATION_NOT_FOUND: HttpStatus.NOT_FOUND,
  INVITATION_NOT_PENDING: HttpStatus.CONFLICT,
  REMIND_TOO_SOON: HttpStatus.TOO_MANY_REQUESTS,
  INVITATION_UNKNOWN_TARGETS: HttpStatus.BAD_REQUEST,
  INVITATION_TOKEN_INVALID: HttpStatus.NOT_FOUND,
  INVITATION_EXPIRED: HttpStatus.GONE,
  INVITATION_USED: HttpStatus.GONE,
  INVITATION_REVOKED: HttpStatus.GONE,
});
