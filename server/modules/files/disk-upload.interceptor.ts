import { mkdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { CallHandler, ExecutionContext, NestInterceptor } from '@nestjs/common';
import type { Request, RequestHandler, Response } from 'express';
import multer, { MulterError } from 'multer';
import { finalize, type Observable } from 'rxjs';

/**
 * Streams the multipart `file` to disk (never into memory) under a size cap; whatever happens
 * next, the upload does not stay behind (a kept file has been moved into the store by then).
 * Subclasses turn upload problems into their module's errors.
 */
export abstract class DiskUploadInterceptor implements NestInterceptor {
  private readonly upload: RequestHandler;

  protected constructor(dir: string, maxBytes: number) {
    mkdirSync(dir, { recursive: true });
    this.upload = multer({
      dest: dir,
      // Browsers send names as raw UTF-8; multer's default reads them as Latin-1 (Müller).
      defParamCharset: 'utf8',
      limits: { fileSize: Math.floor(maxBytes), files: 1, fields: 10, fieldSize: 1024 },
    }).single('file');
  }

  protected abstract tooLarge(): Error;
  protected abstract badUpload(message: string): Error;

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const http = context.switchToHttp();
    const req = http.getRequest<Request>();
    await new Promise<void>((resolve, reject) =>
      this.upload(req, http.getResponse<Response>(), (err: unknown) =>
        err ? reject(this.toError(err)) : resolve(),
      ),
    );
    return next.handle().pipe(finalize(() => req.file && void rm(req.file.path, { force: true })));
  }

  private toError(err: unknown): unknown {
    // The multipart parser's own complaints (a malformed header, a cut-off body) carry no
    // system error code; a full disk does, and stays a server error.
    if (err instanceof Error && !(err instanceof MulterError) && !('code' in err)) {
      return this.badUpload(`upload: the form is malformed (${err.message})`);
    }
    if (!(err instanceof MulterError)) return err;
    if (err.code === 'LIMIT_FILE_SIZE') return this.tooLarge();
    return this.badUpload(`upload: ${err.message} (${err.field ?? 'form'})`);
  }
}
