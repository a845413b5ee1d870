import { ImportFileError } from './file/import-file.error';
import { ImportsErrorCode, ImportsException } from './imports.exception';

/** The reader's verdict on a file as the API's error (same message, IMPORT_-prefixed code). */
export function rejectedFile(e: ImportFileError): ImportsException {
  const code = `IMPORT_${e.code}` as ImportsErrorCode;
  return new ImportsException(
    Object.values(ImportsErrorCode).includes(code) ? code : ImportsErrorCode.UNREADABLE,
    e.message,
  );
}
