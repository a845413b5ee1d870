import { ImportFileError } from './file/import-file.error';
import { ImportsErrors } from './imports.errors';
import { DomainException } from '../../common/errors/domain.exception';

/** The reader's verdict on a file as the API's error (same message, IMPORT_-prefixed code). */
export function rejectedFile(e: ImportFileError): DomainException {
  const code = `IMPORT_${e.code}`;
  const known = (c: string): c is keyof typeof ImportsErrors => Object.hasOwn(ImportsErrors, c);
  return ImportsErrors[known(code) ? code : 'IMPORT_UNREADABLE'](e.message);
}
