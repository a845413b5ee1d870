import type { IncomingMessage } from 'node:http';
import express, { type ErrorRequestHandler, type Request, type RequestHandler } from 'express';
import { CommonErrorCode, CommonException } from '../errors/common.exception';

const LIMIT = '1mb';

/** Turns body-parser failures into domain errors with stable codes. */
const bodyErrors: ErrorRequestHandler = (
  err: { type?: string; message?: string },
  _req,
  _res,
  next,
) => {
  if (err.type === 'entity.parse.failed') {
    return next(
      new CommonException(
        CommonErrorCode.MALFORMED_BODY,
        `request body: is not valid JSON (${err.message})`,
      ),
    );
  }
  if (err.type === 'entity.too.large') {
    return next(
      new CommonException(CommonErrorCode.BODY_TOO_LARGE, `request body: larger than ${LIMIT}`),
    );
  }
  next(err);
};

/** Webhook signatures are over the exact bytes received, so those routes keep them. */
export interface RawBodyRequest extends Request {
  rawBody?: Buffer;
}

const keepWebhookBytes = (req: IncomingMessage, _res: unknown, buf: Buffer) => {
  if (req.url?.startsWith('/api/webhooks/')) (req as RawBodyRequest).rawBody = buf;
};

/** JSON bodies up to 1 MB; file uploads use their own multipart routes. */
export const jsonBody = (): (RequestHandler | ErrorRequestHandler)[] => [
  express.json({ limit: LIMIT, verify: keepWebhookBytes }),
  bodyErrors,
];
