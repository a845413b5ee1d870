import { HttpStatus } from '@nestjs/common';
import { defineErrors } from '../../common/errors/define-errors';

export const ImportsErrors = defineErrors({
  IMPORT_NOT_FOUND: HttpStatus.NOT_FOUND,
  IMPORT_FILE_REQUIRED: HttpStatus.BAD_REQUEST,
  IMPORT_FILE_TOO_LARGE: HttpStatus.PAYLOAD_TOO_LARGE,
  IMPORT_BAD_UPLOAD: HttpStatus.BAD_REQUEST,
  // The file itself is unusable (one per ImportFileErrorCode of the reader).
  IMPORT_EMPTY_FILE: HttpStatus.BAD_REQUEST,
  IMPORT_HEADER_ONLY: HttpStatus.BAD_REQUEST,
  IMPORT_UNSUPPORTED_CONTENT: HttpStatus.BAD_REQUEST,
  IMPORT_MISSING_COLUMNS: HttpStatus.BAD_REQUEST,
  IMPORT_TOO_MANY_ROWS: HttpStatus.BAD_REQUEST,
  IMPORT_ZIP_BOMB: HttpStatus.BAD_REQUEST,
  IMPORT_WORKBOOK_TOO_LARGE: HttpStatus.BAD_REQUEST,
  IMPORT_UNREADABLE: HttpStatus.BAD_REQUEST,
  IMPORT_NOT_RUNNING: HttpStatus.CONFLICT,
  IMPORT_CANNOT_UNDO: HttpStatus.CONFLICT,
  IMPORT_CANNOT_IMPORT_FOR_REAL: HttpStatus.CONFLICT,
});
