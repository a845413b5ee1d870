import type { IncomingMessage } from 'node:http';
import express, { type Request, type RequestHandler } from 'express';
import { CommonErrors } from '../errors/common.errors';
import { DomainException } from '../errors/domain.exception';

const LIMIT = '1mb';

/** The header a body-parser failure is about; the body itself otherwise. */
const FAILED_PART: Record<string, string> = {
  'charset.unsupported': 'Content-Type',
  'encoding.unsupported': 'Content-Encoding',
};

/**
 * A body-parser failure as a domain error with a stable code: too large is a 413, every other
 * one (bad JSON, an unknown charset or encoding, a broken gzip stream, an aborted upload) a 400
 * naming the part at fault.
 */
function bodyError(err: { type?: string; message?: string }): DomainException {
  if (err.type === 'entity.too.large') {
    return CommonErrors.BODY_TOO_LARGE(`request body: larger than ${LIMIT}`);
  }
  const field = FAILED_PART[err.type ?? ''] ?? 'request body';
  const message =
    err.type === 'entity.parse.failed'
      ? `is not valid JSON (${err.message})`
      : `could not be read (${err.message})`;
  return CommonErrors.MALFORMED_BODY(`${field}: ${message}`, [{ field, message }]);
}

/** Webhook signatures are over the exact bytes received, so those routes keep them. */
export interface RawBodyRequest extends Request {
  rawBody?: Buffer;
}

const keepWebhookBytes = (req: IncomingMessage, _res: unknown, buf: Buffer) => {
  if (req.url?.startsWith('/api/webhooks/')) (req as RawBodyRequest).rawBody = buf;
};

/**
 * JSON bodies up to 1 MB; file uploads use their own multipart routes. Every error of the
 * parser is the body's, so each becomes a domain error here.
 */
export function jsonBody(): RequestHandler {
  const parse = express.json({ limit: LIMIT, verify: keepWebhookBytes });
  return (req, res, next) => parse(req, res, (err?: unknown) => next(err && bodyError(err)));
}
