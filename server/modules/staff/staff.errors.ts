import { HttpStatus } from '@nestjs/common';
import { defineErrors } from '../../common/errors/define-errors';

export const StaffErrors = defineErrors({
  STAFF_NOT_FOUND: HttpStatus.NOT_FOUND,
  STAFF_EMAIL_TAKEN: HttpStatus.CONFLICT,
  STAFF_LAST_ADMIN: HttpStatus.CONFLICT,
  STAFF_WRONG_PASSWORD: HttpStatus.BAD_REQUEST,
});
