import { DomainException } from '../../common/errors/domain.exception';

export enum ClientFilesErrorCode {
  NOT_FOUND = 'FILE_NOT_FOUND',
  FILE_REQUIRED = 'FILE_REQUIRED',
  TOO_LARGE = 'FILE_TOO_LARGE',
  TYPE_NOT_ALLOWED = 'FILE_TYPE_NOT_ALLOWED',
  BAD_UPLOAD = 'FILE_BAD_UPLOAD',
  UNKNOWN_CONTACTS = 'FILE_UNKNOWN_CONTACTS',
}

export class ClientFilesException extends DomainException<ClientFilesErrorCode> {}
