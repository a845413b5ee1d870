import { DomainException } from '../../common/errors/domain.exception';

export enum ImportsErrorCode {
  NOT_FOUND = 'IMPORT_NOT_FOUND',
  FILE_REQUIRED = 'IMPORT_FILE_REQUIRED',
  FILE_TOO_LARGE = 'IMPORT_FILE_TOO_LARGE',
  BAD_UPLOAD = 'IMPORT_BAD_UPLOAD',
  // The file itself is unusable (one per ImportFileErrorCode of the reader).
  EMPTY_FILE = 'IMPORT_EMPTY_FILE',
  HEADER_ONLY = 'IMPORT_HEADER_ONLY',
  UNSUPPORTED_CONTENT = 'IMPORT_UNSUPPORTED_CONTENT',
  MISSING_COLUMNS = 'IMPORT_MISSING_COLUMNS',
  TOO_MANY_ROWS = 'IMPORT_TOO_MANY_ROWS',
  ZIP_BOMB = 'IMPORT_ZIP_BOMB',
  WORKBOOK_TOO_LARGE = 'IMPORT_WORKBOOK_TOO_LARGE',
  UNREADABLE = 'IMPORT_UNREADABLE',
  NOT_RUNNING = 'IMPORT_NOT_RUNNING',
  CANNOT_UNDO = 'IMPORT_CANNOT_UNDO',
}

export class ImportsException extends DomainException<ImportsErrorCode> {}
