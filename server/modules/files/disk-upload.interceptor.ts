import { mkdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { CallHandler, ExecutionContext, NestInterceptor } from '@nestjs/common';
import type { Request, RequestHandler, Response } from 'express';
import multer, { MulterError } from 'multer';
import { finalize, type Observable } from 'rxjs';
import { assertNoNul } from '../../common/validation/parse-input';

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
  /** A 400 naming the form field at fault (`file` when the form itself is). */
  protected abstract badUpload(field: string, message: string): Error;

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const http = context.switchToHttp();
    const req = http.getRequest<Request>();
    await new Promise<void>((resolve, reject) =>
      this.upload(req, http.getResponse<Response>(), (err: unknown) =>
        err ? reject(this.toError(err)) : resolve(),
      ),
    );
    try {
      // The file's name and the form's fields reach no schema on their way to storage.
      assertNoNul({ ...(req.body as object), file: req.file?.originalname });
    } catch (e) {
      if (req.file) await rm(req.file.path, { force: true });
      throw e;
    }
    return next.handle().pipe(finalize(() => req.file && void rm(req.file.path, { force: true })));
  }

  /**
   * Multer's limits, and the multipart parser's errors (plain errors without a system `code`:
   * a malformed part header, say one with a NUL in the file name), are the request's fault.
   */
  private toError(err: unknown): unknown {
    if (err instanceof MulterError) {
      if (err.code === 'LIMIT_FILE_SIZE') return this.tooLarge();
      return this.badUpload(err.field ?? 'file', err.message);
    }
    if (err instanceof Error && !('code' in err)) return this.badUpload('file', err.message);
    return err;
  }
}
