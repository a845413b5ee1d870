import { DomainException } from '../../common/errors/domain.exception';

export enum StorageErrorCode {
  /** A stored object or its wrapped data key was altered, truncated or reordered. */
  INTEGRITY = 'STORAGE_INTEGRITY',
  UNKNOWN_MASTER_KEY = 'STORAGE_UNKNOWN_MASTER_KEY',
  OBJECT_MISSING = 'STORAGE_OBJECT_MISSING',
}

export class StorageException extends DomainException<StorageErrorCode> {}
