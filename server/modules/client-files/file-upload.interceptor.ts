import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/env.schema';
import { DiskUploadInterceptor } from '../files/disk-upload.interceptor';
import { FileStore } from '../files/file-store.service';
import { ClientFilesErrors } from './client-files.errors';

/** A client file upload, capped at FILE_MAX_MB. */
@Injectable()
export class FileUploadInterceptor extends DiskUploadInterceptor {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    files: FileStore,
  ) {
    super(files.uploadDir, config.FILE_MAX_MB * 1024 * 1024);
  }

  protected tooLarge(): Error {
    return ClientFilesErrors.FILE_TOO_LARGE(`file: larger than ${this.config.FILE_MAX_MB} MB`);
  }

  protected badUpload(field: string, message: string): Error {
    return ClientFilesErrors.FILE_BAD_UPLOAD(`${field}: ${message}`, [{ field, message }]);
  }
}
