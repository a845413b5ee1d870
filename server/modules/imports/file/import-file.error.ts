/** Why a whole file is rejected; the imports API prefixes these with IMPORT_. */
export enum ImportFileErrorCode {
  EMPTY_FILE = 'EMPTY_FILE',
  HEADER_ONLY = 'HEADER_ONLY',
  UNSUPPORTED_CONTENT = 'UNSUPPORTED_CONTENT',
  MISSING_COLUMNS = 'MISSING_COLUMNS',
  TOO_MANY_ROWS = 'TOO_MANY_ROWS',
  ZIP_BOMB = 'ZIP_BOMB',
  /** Inside the zip limits, but reading it would hold too much in memory. */
  WORKBOOK_TOO_LARGE = 'WORKBOOK_TOO_LARGE',
  UNREADABLE = 'UNREADABLE',
}

/** A rejected file; the message tells the firm's staff what is wrong and how to fix it. */
export class ImportFileError extends Error {
  constructor(
    readonly code: ImportFileErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'ImportFileError';
  }
}

/** The fix for most rejected files, as the last sentence of their message. */
export const SAVE_AS_CSV_OR_XLSX =
  'Save the client list as CSV UTF-8 or Excel Workbook (.xlsx) and upload that.';

export const EMPTY_FILE_MESSAGE =
  'The file is empty. Fill in the import template (one client per row) and upload it again.';
