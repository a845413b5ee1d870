import { HttpStatus } from '@nestjs/common';
import { defineErrors } from '../../common/errors/define-errors';

export const FileRequestsErrors = defineErrors({
  FILE_REQUEST_NOT_FOUND: HttpStatus.NOT_FOUND,
  FILE_REQUEST_ITEM_NOT_FOUND: HttpStatus.NOT_FOUND,
  FILE_REQUEST_BAD_RECIPIENTS: HttpStatus.BAD_REQUEST,
  FILE_REQUEST_UNKNOWN_FILES: HttpStatus.BAD_REQUEST,
  FILE_REQUEST_CLOSED: HttpStatus.CONFLICT,
  FILE_REQUEST_ITEM_CLOSED: HttpStatus.CONFLICT,
  FILE_REQUEST_ITEM_NOT_REVIEWABLE: HttpStatus.CONFLICT,
  FILE_REQUEST_REMIND_TOO_SOON: HttpStatus.TOO_MANY_REQUESTS,
  FILE_REQUEST_NO_REACHABLE_RECIPIENTS: HttpStatus.CONFLICT,
});

export const requestNotFound = (id: string) =>
  FileRequestsErrors.FILE_REQUEST_NOT_FOUND(`No file request with id ${id}`);
