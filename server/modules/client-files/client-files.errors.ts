import { HttpStatus } from '@nestjs/common';
import { defineErrors } from '../../common/errors/define-errors';

export const ClientFilesErrors = defineErrors({
  FILE_NOT_FOUND: HttpStatus.NOT_FOUND,
  FILE_REQUIRED: HttpStatus.BAD_REQUEST,
  FILE_TOO_LARGE: HttpStatus.PAYLOAD_TOO_LARGE,
  FILE_TYPE_NOT_ALLOWED: HttpStatus.BAD_REQUEST,
  FILE_BAD_UPLOAD: HttpStatus.BAD_REQUEST,
  FILE_UNKNOWN_CONTACTS: HttpStatus.BAD_REQUEST,
});
