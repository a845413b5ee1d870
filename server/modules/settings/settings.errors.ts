import { HttpStatus } from '@nestjs/common';
import { defineErrors } from '../../common/errors/define-errors';

export const SettingsErrors = defineErrors({
  SENDER_NOT_ALLOWED: HttpStatus.BAD_REQUEST,
  NO_SENDING_DOMAIN: HttpStatus.BAD_REQUEST,
});
