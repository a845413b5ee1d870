import { HttpStatus } from '@nestjs/common';
import { defineErrors } from '../../common/errors/define-errors';

export const ClientsErrors = defineErrors({
  CLIENT_NOT_FOUND: HttpStatus.NOT_FOUND,
  CLIENT_TAX_CLIENT_ID_TAKEN: HttpStatus.CONFLICT,
  CLIENT_UNKNOWN_TAGS: HttpStatus.BAD_REQUEST,
});
