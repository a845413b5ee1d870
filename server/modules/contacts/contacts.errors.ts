import { HttpStatus } from '@nestjs/common';
import { defineErrors } from '../../common/errors/define-errors';

export const ContactsErrors = defineErrors({
  CONTACT_NOT_FOUND: HttpStatus.NOT_FOUND,
  CONTACT_EMAIL_TAKEN: HttpStatus.CONFLICT,
  CONTACT_UNKNOWN_CLIENTS: HttpStatus.BAD_REQUEST,
});
