import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/env.schema';
import { DiskUploadInterceptor } from '../files/disk-upload.interceptor';
import { FileStore } from '../files/file-store.service';
import { ImportsErrors } from './imports.errors';

/** The import file, capped at IMPORT_MAX_FILE_MB; upload problems become import errors. */
@Injectable()
export class ImportUploadInterceptor extends DiskUploadInterceptor {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    files: FileStore,
  ) {
    super(files.uploadDir, config.IMPORT_MAX_FILE_MB * 1024 * 1024);
  }

  protected tooLarge(): Error {
    return ImportsErrors.IMPORT_FILE_TOO_LARGE(
      `file: larger than ${this.config.IMPORT_MAX_FILE_MB} MB; split it into smaller files.`,
    );
  }

  protected badUpload(field: string, message: string): Error {
    return ImportsErrors.IMPORT_BAD_UPLOAD(`${field}: ${message}`, [{ field, message }]);
  }
}
