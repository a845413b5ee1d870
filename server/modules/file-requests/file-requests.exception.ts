import { DomainException } from '../../common/errors/domain.exception';

export enum FileRequestsErrorCode {
  NOT_FOUND = 'FILE_REQUEST_NOT_FOUND',
  ITEM_NOT_FOUND = 'FILE_REQUEST_ITEM_NOT_FOUND',
  BAD_RECIPIENTS = 'FILE_REQUEST_BAD_RECIPIENTS',
  UNKNOWN_FILES = 'FILE_REQUEST_UNKNOWN_FILES',
  CLOSED = 'FILE_REQUEST_CLOSED',
  ITEM_CLOSED = 'FILE_REQUEST_ITEM_CLOSED',
  ITEM_NOT_REVIEWABLE = 'FILE_REQUEST_ITEM_NOT_REVIEWABLE',
  REMIND_TOO_SOON = 'FILE_REQUEST_REMIND_TOO_SOON',
  NO_REACHABLE_RECIPIENTS = 'FILE_REQUEST_NO_REACHABLE_RECIPIENTS',
  WORKFLOWS_UNAVAILABLE = 'FILE_REQUEST_WORKFLOWS_UNAVAILABLE',
}

export class FileRequestsException extends DomainException<FileRequestsErrorCode> {}

export const requestNotFound = (id: string) =>
  new FileRequestsException(FileRequestsErrorCode.NOT_FOUND, `No file request with id ${id}`);
