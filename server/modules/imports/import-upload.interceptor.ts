import { mkdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import {
  Inject,
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import type { Request, RequestHandler, Response } from 'express';
import multer, { MulterError } from 'multer';
import { finalize, type Observable } from 'rxjs';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/env.schema';
import { FileStore } from '../files/file-store.service';
import { ImportsErrorCode, ImportsException } from './imports.exception';

/**
 * Streams the multipart `file` to disk (never into memory), capped at IMPORT_MAX_FILE_MB;
 * upload problems become import errors with stable codes.
 */
@Injectable()
export class ImportUploadInterceptor implements NestInterceptor {
  private readonly upload: RequestHandler;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    files: FileStore,
  ) {
    mkdirSync(files.uploadDir, { recursive: true });
    this.upload = multer({
      dest: files.uploadDir,
      limits: {
        fileSize: config.IMPORT_MAX_FILE_MB * 1024 * 1024,
        files: 1,
        fields: 10,
        fieldSize: 1024,
      },
    }).single('file');
  }

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const http = context.switchToHttp();
    const req = http.getRequest<Request>();
    await new Promise<void>((resolve, reject) =>
      this.upload(req, http.getResponse<Response>(), (err: unknown) =>
        err ? reject(this.toError(err)) : resolve(),
      ),
    );
    // Whatever happens next (a bad field, a rejected file), no upload stays behind; a kept
    // file has been moved into the store by then.
    return next.handle().pipe(finalize(() => req.file && void rm(req.file.path, { force: true })));
  }

  private toError(err: unknown): unknown {
    if (!(err instanceof MulterError)) return err;
    if (err.code === 'LIMIT_FILE_SIZE') {
      return new ImportsException(
        ImportsErrorCode.FILE_TOO_LARGE,
        `file: larger than ${this.config.IMPORT_MAX_FILE_MB} MB; split it into smaller files.`,
      );
    }
    return new ImportsException(
      ImportsErrorCode.BAD_UPLOAD,
      `upload: ${err.message} (${err.field ?? 'form'})`,
    );
  }
}
