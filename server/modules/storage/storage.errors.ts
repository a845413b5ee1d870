import { HttpStatus } from '@nestjs/common';
import { defineErrors } from '../../common/errors/define-errors';

// The store's fault, never the request's: the body names which (tampered, key missing).
export const StorageErrors = defineErrors({
  /** A stored object or its wrapped data key was altered, truncated or reordered. */
  STORAGE_INTEGRITY: HttpStatus.INTERNAL_SERVER_ERROR,
  STORAGE_UNKNOWN_MASTER_KEY: HttpStatus.INTERNAL_SERVER_ERROR,
  STORAGE_OBJECT_MISSING: HttpStatus.INTERNAL_SERVER_ERROR,
});
