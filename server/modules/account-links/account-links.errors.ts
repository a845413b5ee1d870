import { HttpStatus } from '@nestjs/common';
import { defineErrors } from '../../common/errors/define-errors';

export const AccountLinksErrors = defineErrors({
  ACCOUNT_LINK_TOKEN_INVALID: HttpStatus.NOT_FOUND,
  ACCOUNT_LINK_EXPIRED: HttpStatus.GONE,
  ACCOUNT_LINK_USED: HttpStatus.GONE,
  ACCOUNT_LINK_REVOKED: HttpStatus.GONE,
  PASSWORD_RESET_TOO_MANY_REQUESTS: HttpStatus.TOO_MANY_REQUESTS,
});
